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