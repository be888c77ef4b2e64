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
        <source>%n photo(s) you rejected are left out of these batches.</source>
        <translation>
            <numerusform>%n photo you rejected is left out of these batches.</numerusform><numerusform>%n photos you rejected are left out of these batches.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n photo(s) to the list.</source>
        <translation>
            <numerusform>Saved %n photo to the list.</numerusform><numerusform>Saved %n photos to the list.</numerusform></translation>
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