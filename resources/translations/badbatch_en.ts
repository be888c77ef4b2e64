<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message numerus="yes">
        <source>%n photo(s) left out of training.</source>
        <translation>
            <numerusform>%n photo left out of training.</numerusform><numerusform>%n photos left out of training.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) kept for training.</source>
        <translation>
            <numerusform>%n photo kept for training.</numerusform><numerusform>%n photos kept for training.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Decision cleared for %n photo(s).</source>
        <translation>
            <numerusform>Decision cleared for %n photo.</numerusform><numerusform>Decision cleared for %n photos.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Scan finished: %n usable image(s).</source>
        <translation>
            <numerusform>Scan finished: %n usable image.</numerusform><numerusform>Scan finished: %n usable images.</numerusform></translation>
    </message>
</context>
<context>
    <name>BatchCheckPage</name>
    <message numerus="yes">
        <source>%n batch(es) above the threshold</source>
        <translation>
            <numerusform>%n batch above the threshold</numerusform><numerusform>%n batches above the threshold</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n photo(s) to the list.</source>
        <translation>
            <numerusform>Saved %n photo to the list.</numerusform><numerusform>Saved %n photos to the list.</numerusform></translation>
    </message>
</context>
<context>
    <name>ImagesPage</name>
    <message numerus="yes">
        <source>No photo in this folder can be used: %n picture file(s) were found, but none can be opened (the Problems tab says why for each file).</source>
        <translation>
            <numerusform>No photo in this folder can be used: %n picture file was found, but none can be opened (the Problems tab says why for each file).</numerusform><numerusform>No photo in this folder can be used: %n picture files were found, but none can be opened (the Problems tab says why for each file).</numerusform></translation>
    </message>
</context>
<context>
    <name>InspectCounts</name>
    <message numerus="yes">
        <source>%n photo(s) indexed</source>
        <translation>
            <numerusform>%n photo indexed</numerusform><numerusform>%n photos indexed</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n from the cache</source>
        <translation>
            <numerusform>%n from the cache</numerusform><numerusform>%n from the cache</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be used</source>
        <translation>
            <numerusform>%n file could not be used</numerusform><numerusform>%n files could not be used</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Leave out the %n photo(s) training left out</source>
        <translation>
            <numerusform>Leave out the %n photo training left out</numerusform><numerusform>Leave out the %n photos training left out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>All photos (%n)</source>
        <translation>
            <numerusform>All photos (%n)</numerusform><numerusform>All photos (%n)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Near-duplicates only (%n group(s))</source>
        <translation>
            <numerusform>Near-duplicates only (%n group)</numerusform><numerusform>Near-duplicates only (%n groups)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) selected</source>
        <translation>
            <numerusform>%n photo selected</numerusform><numerusform>%n photos selected</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n of the {0} photos are in both lists.</source>
        <translation>
            <numerusform>%n of the {0} photos is in both lists.</numerusform><numerusform>%n of the {0} photos are in both lists.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Stopped. Photos checked so far: %n. Check again to see every photo and to save the list.</source>
        <translation>
            <numerusform>Stopped. Photos checked so far: %n. Check again to see every photo and to save the list.</numerusform><numerusform>Stopped. Photos checked so far: %n. Check again to see every photo and to save the list.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were not checked.</source>
        <translation>
            <numerusform>%n file could not be read and was not checked.</numerusform><numerusform>%n files could not be read and were not checked.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Not taken as normal (bad shots): %n indexed photo(s).</source>
        <translation>
            <numerusform>Not taken as normal (bad shots): %n indexed photo.</numerusform><numerusform>Not taken as normal (bad shots): %n indexed photos.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) checked</source>
        <translation>
            <numerusform>%n photo checked</numerusform><numerusform>%n photos checked</numerusform></translation>
    </message>
</context>
<context>
    <name>PluralText</name>
    <message numerus="yes">
        <source>No batch looks unrepresentative (%n batch(es) checked).</source>
        <translation>
            <numerusform>No batch looks unrepresentative (%n batch checked).</numerusform><numerusform>No batch looks unrepresentative (%n batches checked).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n file could not be read and was skipped.</numerusform><numerusform>%n files could not be read and were skipped.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) do not fill a last batch and are not in these batches (later training rounds reshuffle them in).</source>
        <translation>
            <numerusform>%n photo does not fill a last batch and is not in these batches (later training rounds reshuffle it in).</numerusform><numerusform>%n photos do not fill a last batch and are not in these batches (later training rounds reshuffle them in).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) skipped.</source>
        <translation>
            <numerusform>%n batch skipped.</numerusform><numerusform>%n batches skipped.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) look wrong</source>
        <translation>
            <numerusform>%n photo looks wrong</numerusform><numerusform>%n photos look wrong</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>No photo looks wrong (%n photo(s) checked).</source>
        <translation>
            <numerusform>No photo looks wrong (%n photo checked).</numerusform><numerusform>No photo looks wrong (%n photos checked).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) that look wrong will be left out</source>
        <translation>
            <numerusform>%n photo that looks wrong will be left out</numerusform><numerusform>%n photos that look wrong will be left out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) that look wrong will be used anyway</source>
        <translation>
            <numerusform>%n photo that looks wrong will be used anyway</numerusform><numerusform>%n photos that look wrong will be used anyway</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) left out</source>
        <translation>
            <numerusform>%n photo left out</numerusform><numerusform>%n photos left out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n by hand</source>
        <translation>
            <numerusform>%n by hand</numerusform><numerusform>%n by hand</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) that look wrong, left out automatically, are not in these batches.</source>
        <translation>
            <numerusform>%n photo that looks wrong, left out automatically, is not in these batches.</numerusform><numerusform>%n photos that look wrong, left out automatically, are not in these batches.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) you rejected are left out of these batches.</source>
        <translation>
            <numerusform>%n photo you rejected is left out of these batches.</numerusform><numerusform>%n photos you rejected are left out of these batches.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Rejecting the whole batch would throw away %n photo(s) that look fine.</source>
        <translation>
            <numerusform>Rejecting the whole batch would throw away %n photo that looks fine.</numerusform><numerusform>Rejecting the whole batch would throw away %n photos that look fine.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) left out by you.</source>
        <translation>
            <numerusform>%n photo left out by you.</numerusform><numerusform>%n photos left out by you.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) kept for training by you.</source>
        <translation>
            <numerusform>%n photo kept for training by you.</numerusform><numerusform>%n photos kept for training by you.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Your decisions for %n photo(s) were cleared: the app's default applies again.</source>
        <translation>
            <numerusform>Your decisions for %n photo was cleared: the app's default applies again.</numerusform><numerusform>Your decisions for %n photos were cleared: the app's default applies again.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n damaged decision(s) in the keep / leave-out list of this folder were ignored; all other decisions still apply. The list is backed up before it is next saved.</source>
        <translation>
            <numerusform>%n damaged decision in the keep / leave-out list of this folder was ignored; all other decisions still apply. The list is backed up before it is next saved.</numerusform><numerusform>%n damaged decisions in the keep / leave-out list of this folder were ignored; all other decisions still apply. The list is backed up before it is next saved.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Removed %n unfinished export folder(s) that an interrupted export left in {0}.</source>
        <translation>
            <numerusform>Removed %n unfinished export folder that an interrupted export left in {0}.</numerusform><numerusform>Removed %n unfinished export folders that an interrupted export left in {0}.</numerusform></translation>
    </message>
</context>
<context>
    <name>RunSummaryView</name>
    <message numerus="yes">
        <source>%n batch(es) skipped</source>
        <translation>
            <numerusform>%n batch skipped</numerusform><numerusform>%n batches skipped</numerusform></translation>
    </message>
</context>
</TS>