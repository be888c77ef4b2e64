<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message numerus="yes">
        <source>Scan finished: %n usable image(s).</source>
        <translation>
            <numerusform>Scan finished: %n usable image.</numerusform><numerusform>Scan finished: %n usable images.</numerusform></translation>
    </message>
</context>
<context>
    <name>BatchCheckPage</name>
    <message numerus="yes">
        <source>%n batch(es) rejected</source>
        <translation>
            <numerusform>%n batch rejected</numerusform><numerusform>%n batches rejected</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n photo(s) to the list.</source>
        <translation>
            <numerusform>Saved %n photo to the list.</numerusform><numerusform>Saved %n photos to the list.</numerusform></translation>
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
        <source>Not taken as normal (bad shots): %n indexed photo(s).</source>
        <translation>
            <numerusform>Not taken as normal (bad shots): %n indexed photo.</numerusform><numerusform>Not taken as normal (bad shots): %n indexed photos.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were not checked.</source>
        <translation>
            <numerusform>%n file could not be read and was not checked.</numerusform><numerusform>%n files could not be read and were not checked.</numerusform></translation>
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
        <source>%n photo(s) flagged as bad shots will be left out</source>
        <translation>
            <numerusform>%n photo flagged as bad shots will be left out</numerusform><numerusform>%n photos flagged as bad shots will be left out</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) flagged as bad shots will be used anyway</source>
        <translation>
            <numerusform>%n photo flagged as bad shots will be used anyway</numerusform><numerusform>%n photos flagged as bad shots will be used anyway</numerusform></translation>
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
        <source>%n photo(s) you rejected are left out of these batches.</source>
        <translation>
            <numerusform>%n photo you rejected is left out of these batches.</numerusform><numerusform>%n photos you rejected are left out of these batches.</numerusform></translation>
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