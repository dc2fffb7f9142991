<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>dashboard::ChartPanel</name>
    <message numerus="yes">
        <source>(none drawn: more than %n line(s))</source>
        <translation>
            <numerusform>(none drawn: more than %n line)</numerusform>
            <numerusform>(none drawn: more than %n lines)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dashboard::ChartView</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dashboard::LocalServiceSource</name>
    <message numerus="yes">
        <source>Connected; %n counter(s)</source>
        <translation>
            <numerusform>Connected; %n counter</numerusform>
            <numerusform>Connected; %n counters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected (host %1); %n counter(s)</source>
        <translation>
            <numerusform>Connected (host %1); %n counter</numerusform>
            <numerusform>Connected (host %1); %n counters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dashboard::MainWindow</name>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n source</numerusform>
            <numerusform>%n sources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n live</source>
        <translation>
            <numerusform>%n live</numerusform>
            <numerusform>%n live</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failing</source>
        <translation>
            <numerusform>%n failing</numerusform>
            <numerusform>%n failing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n counter(s)</source>
        <translation>
            <numerusform>%n counter</numerusform>
            <numerusform>%n counters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n critical</source>
        <translation>
            <numerusform>%n critical</numerusform>
            <numerusform>%n critical</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation>
            <numerusform>%n stale</numerusform>
            <numerusform>%n stale</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dashboard::PrometheusSource</name>
    <message numerus="yes">
        <source>%n series, %1</source>
        <translation>
            <numerusform>%n series, %1</numerusform>
            <numerusform>%n series, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dashboard::SavedFileSource</name>
    <message numerus="yes">
        <source>%n report(s), %1</source>
        <translation>
            <numerusform>%n report, %1</numerusform>
            <numerusform>%n reports, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n corrupt line(s) skipped</source>
        <translation>
            <numerusform>%n corrupt line skipped</numerusform>
            <numerusform>%n corrupt lines skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dashboard::StreamSource</name>
    <message numerus="yes">
        <source>The connection closed in the middle of a frame (%n byte(s) of it received); reconnecting</source>
        <translation>
            <numerusform>The connection closed in the middle of a frame (%n byte of it received); reconnecting</numerusform>
            <numerusform>The connection closed in the middle of a frame (%n bytes of it received); reconnecting</numerusform>
        </translation>
    </message>
</context>
</TS>
