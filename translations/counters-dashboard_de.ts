<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>dashboard::ChartPanel</name>
    <message>
        <source>Last minute</source>
        <translation>Letzte Minute</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Close this chart</source>
        <translation>Dieses Diagramm schließen</translation>
    </message>
    <message>
        <source>Select counters in the table and choose “Add to Chart”.</source>
        <translation>Wählen Sie Zähler in der Tabelle aus und klicken Sie auf „Zum Diagramm hinzufügen“.</translation>
    </message>
    <message>
        <source>(paused)</source>
        <translation>(angehalten)</translation>
    </message>
    <message>
        <source>Empty chart</source>
        <translation>Leeres Diagramm</translation>
    </message>
    <message>
        <source>Time shown (Alt+1 … Alt+5)</source>
        <translation>Gezeigter Zeitraum (Alt+1 … Alt+5)</translation>
    </message>
    <message>
        <source>Drag to zoom, Shift+drag to pan, double-click to go back to live</source>
        <translation>Ziehen zum Zoomen, Umschalt+Ziehen zum Verschieben, Doppelklick zurück zu live</translation>
    </message>
    <message>
        <source>warning %1</source>
        <translation>Warnung %1</translation>
    </message>
    <message>
        <source>critical %1</source>
        <translation>kritisch %1</translation>
    </message>
    <message>
        <source>(mean of %1: %2 readings, %3 – %4)</source>
        <translation>(Mittel über %1: %2 Messwerte, %3 – %4)</translation>
    </message>
    <message>
        <source>(older: means of %1)</source>
        <translation>(ältere: Mittel über %1)</translation>
    </message>
    <message>
        <source>&amp;Logarithmic Scale</source>
        <translation>&amp;Logarithmische Skala</translation>
    </message>
    <message>
        <source>Start at &amp;Zero</source>
        <translation>Bei &amp;null beginnen</translation>
    </message>
    <message>
        <source>Whether the value axis starts at zero (linear scale)</source>
        <translation>Ob die Werteachse bei null beginnt (lineare Skala)</translation>
    </message>
    <message>
        <source>&amp;Bands</source>
        <translation>&amp;Bänder</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message numerus="yes">
        <source>(none drawn: more than %n line(s))</source>
        <translation>
            <numerusform>(keine gezeichnet: mehr als %n Linie)</numerusform>
            <numerusform>(keine gezeichnet: mehr als %n Linien)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 – %3</source>
        <translation>%1, %2 – %3</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>(p90 %1, p99 %2)</source>
        <translation>(p90 %1, p99 %2)</translation>
    </message>
    <message>
        <source>(window %1 – %2)</source>
        <translation>(Fenster %1 – %2)</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <source>The 90th percentile of the window: the darker band reaches from the median (the line) to it.</source>
        <translation>Das 90. Perzentil des Fensters: Das dunklere Band reicht vom Median (der Linie) bis zu ihm.</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>The 99th percentile of the window: the fainter band reaches from the p90 to it.</source>
        <translation>Das 99. Perzentil des Fensters: Das blassere Band reicht vom p90 bis zu ihm.</translation>
    </message>
    <message>
        <source>The band reaches from the smallest to the largest value of the counter&apos;s window.</source>
        <translation>Das Band reicht vom kleinsten bis zum größten Wert im Fenster des Zählers.</translation>
    </message>
    <message>
        <source>window max</source>
        <translation>Fenster-Max.</translation>
    </message>
    <message>
        <source>window min</source>
        <translation>Fenster-Min.</translation>
    </message>
    <message>
        <source>%1 of process %2 (%3)</source>
        <translation>%1 des Prozesses %2 (%3)</translation>
    </message>
    <message>
        <source>%1 of data</source>
        <translation>Daten von %1</translation>
    </message>
    <message>
        <source>The data so far covers less than the range chosen (%1).</source>
        <translation>Die bisherigen Daten umfassen weniger als den gewählten Zeitraum (%1).</translation>
    </message>
    <message>
        <source>&amp;Duplicate Chart</source>
        <translation>Diagramm &amp;duplizieren</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>&amp;Farbe</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>%1: Palette Colour</source>
        <translation>%1: Farbe der Palette</translation>
    </message>
    <message>
        <source>Colour of %1</source>
        <translation>Farbe von %1</translation>
    </message>
    <message>
        <source>Rename Series</source>
        <translation>Reihe umbenennen</translation>
    </message>
    <message>
        <source>Name of %1 in this chart (empty: the counter&apos;s name):</source>
        <translation>Name von %1 in diesem Diagramm (leer: der Name des Zählers):</translation>
    </message>
</context>
<context>
    <name>dashboard::ChartView</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n weitere</numerusform>
            <numerusform>+%n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dashboard::CommandLineOptions</name>
    <message>
        <source>Live charts of the counters of services that use Counters (or PyCounters).</source>
        <translation>Live-Diagramme der Zähler von Diensten, die Counters (oder PyCounters) verwenden.</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Diese Hilfe anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Die Version anzeigen und beenden.</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADRESSE</translation>
    </message>
    <message>
        <source>Open a saved report or a JSON Lines history, also one written by PyCounters. Repeatable; files may also be given without --open.</source>
        <translation>Einen gespeicherten Bericht oder einen JSON-Lines-Verlauf öffnen, auch von PyCounters geschriebene. Mehrfach möglich; Dateien können auch ohne --open angegeben werden.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>Render the window offscreen once every source has delivered data, write it to FILE as PNG and exit: 0 when all went well, 1 when a source failed.</source>
        <translation>Das Fenster unsichtbar zeichnen, sobald jede Quelle Daten geliefert hat, als PNG in DATEI schreiben und beenden: 0, wenn alles gut ging, 1, wenn eine Quelle fehlschlug.</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>Use the language CODE (%1) instead of the system&apos;s.</source>
        <translation>Die Sprache CODE (%1) statt der des Systems verwenden.</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Colours: system (default), light or dark.</source>
        <translation>Farben: system (Standard), light (hell) oder dark (dunkel).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Do not list the local services of this machine by themselves.</source>
        <translation>Die lokalen Dienste dieses Rechners nicht selbsttätig auflisten.</translation>
    </message>
    <message>
        <source>files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Saved reports or histories to open.</source>
        <translation>Zu öffnende gespeicherte Berichte oder Verläufe.</translation>
    </message>
    <message>
        <source>[FILE...]</source>
        <translation>[DATEI...]</translation>
    </message>
    <message>
        <source>counters-dashboard: %1</source>
        <translation>counters-dashboard: %1</translation>
    </message>
    <message>
        <source>Try “counters-dashboard --help”.</source>
        <translation>Siehe „counters-dashboard --help“.</translation>
    </message>
    <message>
        <source>--connect: %1</source>
        <translation>--connect: %1</translation>
    </message>
    <message>
        <source>--open needs a file name</source>
        <translation>--open braucht einen Dateinamen</translation>
    </message>
    <message>
        <source>--screenshot needs a file name</source>
        <translation>--screenshot braucht einen Dateinamen</translation>
    </message>
    <message>
        <source>--screenshot-after needs a positive number of seconds, not “%1”</source>
        <translation>--screenshot-after braucht eine positive Anzahl Sekunden, nicht „%1“</translation>
    </message>
    <message>
        <source>--lang: no translation for “%1”; available: %2</source>
        <translation>--lang: keine Übersetzung für „%1“; verfügbar: %2</translation>
    </message>
    <message>
        <source>--palette must be system, light or dark, not “%1”</source>
        <translation>--palette muss system, light oder dark sein, nicht „%1“</translation>
    </message>
    <message>
        <source>Show each process&apos;s values of multi-process reports beside the merged ones.</source>
        <translation>Bei Multiprozess-Berichten die Werte jedes Prozesses neben den zusammengeführten anzeigen.</translation>
    </message>
    <message>
        <source>Once every source has delivered data, write all their counters to FILE as CSV (time, then one column per counter) and exit: 0 when all went well, 1 when a source failed.</source>
        <translation>Sobald jede Quelle Daten geliefert hat, alle ihre Zähler als CSV in DATEI schreiben (Zeit, dann eine Spalte je Zähler) und beenden: 0, wenn alles gut ging, 1, wenn eine Quelle fehlschlug.</translation>
    </message>
    <message>
        <source>Take the screenshot or export at the latest after SECONDS, even if a source has not delivered yet (default 30).</source>
        <translation>Bildschirmfoto oder Export spätestens nach SEKUNDEN erstellen, auch wenn eine Quelle noch nichts geliefert hat (Vorgabe 30).</translation>
    </message>
    <message>
        <source>Show the layout saved in FILE (charts, counters, thresholds, ranges, and its sources) instead of the last session&apos;s.</source>
        <translation>Die in DATEI gespeicherte Anordnung zeigen (Diagramme, Zähler, Schwellwerte, Zeiträume und ihre Quellen) statt der der letzten Sitzung.</translation>
    </message>
    <message>
        <source>--export-csv needs a file name</source>
        <translation>--export-csv braucht einen Dateinamen</translation>
    </message>
    <message>
        <source>--layout needs a file name</source>
        <translation>--layout braucht einen Dateinamen</translation>
    </message>
    <message>
        <source>--screenshot-after needs --screenshot or --export-csv</source>
        <translation>--screenshot-after braucht --screenshot oder --export-csv</translation>
    </message>
    <message>
        <source>Follow a source: local:NAME (a service on this machine), tcp://HOST:PORT (a multi-process leader; see --token-file), http://HOST:PORT (an HTTP endpoint&apos;s /report.json), prometheus://HOST[:PORT] (the Counters series a Prometheus server holds) or file:///PATH (a report file that a service rewrites). Repeatable.</source>
        <translation>Eine Quelle verfolgen: local:NAME (ein Dienst auf diesem Rechner), tcp://HOST:PORT (ein Multiprozess-Leader; siehe --token-file), http://HOST:PORT (/report.json eines HTTP-Endpunkts), prometheus://HOST[:PORT] (die Counters-Reihen eines Prometheus-Servers) oder file:///PFAD (eine Berichtsdatei, die ein Dienst neu schreibt). Mehrfach möglich.</translation>
    </message>
    <message>
        <source>Read the token of multi-process groups (tcp:// sources) from the first line of FILE. Without it, the environment variable COUNTERS_TOKEN is used, if set.</source>
        <translation>Das Token von Multiprozess-Gruppen (tcp://-Quellen) aus der ersten Zeile von DATEI lesen. Ohne diese Option wird die Umgebungsvariable COUNTERS_TOKEN verwendet, falls gesetzt.</translation>
    </message>
    <message>
        <source>--token-file: %1</source>
        <translation>--token-file: %1</translation>
    </message>
    <message>
        <source>On exit, print how long the window was ever unresponsive (the longest delay of a 10 ms timer, as max_stall_ms=N) and the peak memory (peak_rss_mb=N).</source>
        <translation>Beim Beenden ausgeben, wie lange das Fenster höchstens nicht reagierte (die längste Verspätung eines 10-ms-Timers, als max_stall_ms=N) und den höchsten Speicherverbrauch (peak_rss_mb=N).</translation>
    </message>
    <message>
        <source>Quit after SECONDS (for measurements, with --report-stalls).</source>
        <translation>Nach SEKUNDEN beenden (für Messungen, mit --report-stalls).</translation>
    </message>
    <message>
        <source>--quit-after needs a positive number of seconds, not “%1”</source>
        <translation>--quit-after braucht eine positive Anzahl Sekunden, nicht „%1“</translation>
    </message>
</context>
<context>
    <name>dashboard::CounterListModel</name>
    <message>
        <source>window %1</source>
        <translation>Fenster %1</translation>
    </message>
    <message>
        <source>Process %1</source>
        <translation>Prozess %1</translation>
    </message>
    <message>
        <source>Smallest value in the window</source>
        <translation>Kleinster Wert im Fenster</translation>
    </message>
    <message>
        <source>Average of the window</source>
        <translation>Mittelwert des Fensters</translation>
    </message>
    <message>
        <source>Largest value in the window</source>
        <translation>Größter Wert im Fenster</translation>
    </message>
    <message>
        <source>Events in the window</source>
        <translation>Ereignisse im Fenster</translation>
    </message>
    <message>
        <source>Time since the reading was collected</source>
        <translation>Zeit seit der Erfassung des Werts</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>warning at %1</source>
        <translation>Warnung ab %1</translation>
    </message>
    <message>
        <source>critical at %1</source>
        <translation>kritisch ab %1</translation>
    </message>
    <message>
        <source>Events not recorded: %1 (NaN or infinite values, ends without a start)</source>
        <translation>Nicht erfasste Ereignisse: %1 (NaN- oder unendliche Werte, Enden ohne Start)</translation>
    </message>
    <message>
        <source>Label sets recorded here because the family reached its series limit: %1</source>
        <translation>Hier erfasste Labelkombinationen, weil die Familie ihr Serienlimit erreicht hat: %1</translation>
    </message>
    <message>
        <source>Of the rates reported during the last %1 (the rate&apos;s window)</source>
        <translation>Aus den in den letzten %1 gemeldeten Raten (dem Fenster der Rate)</translation>
    </message>
    <message>
        <source>Median of the window (percentile counters)</source>
        <translation>Median des Fensters (Perzentilzähler)</translation>
    </message>
    <message>
        <source>90th percentile of the window (percentile counters)</source>
        <translation>90. Perzentil des Fensters (Perzentilzähler)</translation>
    </message>
    <message>
        <source>99th percentile of the window (percentile counters)</source>
        <translation>99. Perzentil des Fensters (Perzentilzähler)</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
</context>
<context>
    <name>dashboard::CounterTablePanel</name>
    <message>
        <source>Per process</source>
        <translation>Pro Prozess</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>Show only counters of this type</source>
        <translation>Nur Zähler dieses Typs anzeigen</translation>
    </message>
    <message>
        <source>Show only the counters of this source</source>
        <translation>Nur die Zähler dieser Quelle anzeigen</translation>
    </message>
    <message>
        <source>Also list each process&apos;s values of multi-process reports</source>
        <translation>Bei Multiprozess-Berichten auch die Werte jedes Prozesses auflisten</translation>
    </message>
    <message>
        <source>Add to Chart</source>
        <translation>Zum Diagramm</translation>
    </message>
    <message>
        <source>Chart the selected counters (double-click a row, or Enter)</source>
        <translation>Die ausgewählten Zähler darstellen (Doppelklick auf eine Zeile oder Eingabetaste)</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>Add to New Chart</source>
        <translation>In neuem Diagramm darstellen</translation>
    </message>
    <message>
        <source>Copy Names</source>
        <translation>Namen kopieren</translation>
    </message>
    <message>
        <source>Set Thresholds…</source>
        <translation>Schwellwerte festlegen …</translation>
    </message>
    <message>
        <source>Filter counters (name, a pattern like req*_time, or a label like kind=text)</source>
        <translation>Zähler filtern (Name, Muster wie req*_time oder Label wie kind=text)</translation>
    </message>
    <message>
        <source>Chart Split by</source>
        <translation>Diagramm aufgeteilt nach</translation>
    </message>
    <message>
        <source>%1 (%2 lines)</source>
        <translation>%1 (%2 Linien)</translation>
    </message>
    <message>
        <source>Chart Every Series</source>
        <translation>Jede Serie im Diagramm</translation>
    </message>
    <message>
        <source>Default Columns</source>
        <translation>Standardspalten</translation>
    </message>
</context>
<context>
    <name>dashboard::CsvExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>dashboard::DashboardApplication</name>
    <message>
        <source>counters-dashboard: --layout: %1</source>
        <translation>counters-dashboard: --layout: %1</translation>
    </message>
</context>
<context>
    <name>dashboard::FamilyGroupProxyModel</name>
    <message>
        <source>Counter family %1: %2 series shown; this row sums up all its series</source>
        <translation>Zählerfamilie %1: %2 Serien angezeigt; diese Zeile fasst alle ihre Serien zusammen</translation>
    </message>
</context>
<context>
    <name>dashboard::HistoryCsvExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Export abgebrochen</translation>
    </message>
    <message>
        <source>%1 holds no reports</source>
        <translation>%1 enthält keine Berichte</translation>
    </message>
    <message>
        <source>Export interrupted</source>
        <translation>Export unterbrochen</translation>
    </message>
</context>
<context>
    <name>dashboard::HistoryStreamer</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot read history %1</source>
        <translation>Verlauf %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>skipped %1 corrupt line(s)</source>
        <translation>%1 beschädigte Zeile(n) übersprungen</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 has %2 MiB, more than the %3 MiB a history may have</source>
        <translation>%1 hat %2 MiB, mehr als die %3 MiB, die ein Verlauf haben darf</translation>
    </message>
</context>
<context>
    <name>dashboard::HttpSource</name>
    <message>
        <source>Requesting %1…</source>
        <translation>%1 wird abgefragt …</translation>
    </message>
    <message>
        <source>Cannot fetch %1: %2</source>
        <translation>%1 kann nicht abgerufen werden: %2</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 %3</source>
        <translation>%1 antwortete mit HTTP %2 %3</translation>
    </message>
    <message>
        <source>%1 is not a report: %2</source>
        <translation>%1 ist kein Bericht: %2</translation>
    </message>
    <message>
        <source>Polling every %1 s</source>
        <translation>Abfrage alle %1 s</translation>
    </message>
</context>
<context>
    <name>dashboard::Layout</name>
    <message>
        <source>not a layout: invalid JSON at byte %1 (%2)</source>
        <translation>keine Anordnung: ungültiges JSON bei Byte %1 (%2)</translation>
    </message>
    <message>
        <source>not a layout: the JSON is not an object</source>
        <translation>keine Anordnung: das JSON ist kein Objekt</translation>
    </message>
    <message>
        <source>not a layout: it has no &quot;version&quot;</source>
        <translation>keine Anordnung: „version“ fehlt</translation>
    </message>
    <message>
        <source>layout version %1 is not supported (this dashboard reads version %2)</source>
        <translation>Anordnungsversion %1 wird nicht unterstützt (dieses Dashboard liest Version %2)</translation>
    </message>
    <message>
        <source>bad layout: &quot;%1&quot; must be %2</source>
        <translation>fehlerhafte Anordnung: „%1“ muss %2 sein</translation>
    </message>
    <message>
        <source>a list of source addresses</source>
        <translation>eine Liste von Quelladressen</translation>
    </message>
    <message>
        <source>a list of charts</source>
        <translation>eine Liste von Diagrammen</translation>
    </message>
    <message>
        <source>a text such as &quot;5m&quot;</source>
        <translation>ein Text wie „5m“</translation>
    </message>
    <message>
        <source>a list of counters</source>
        <translation>eine Liste von Zählern</translation>
    </message>
    <message>
        <source>an object of counters</source>
        <translation>ein Objekt mit Zählern</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: not a layout: the file is too large</source>
        <translation>%1: keine Anordnung: die Datei ist zu groß</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>a number of MiB from 1 to 1048576</source>
        <translation>eine Zahl von MiB zwischen 1 und 1048576</translation>
    </message>
    <message>
        <source>&quot;linear&quot; or &quot;log&quot;</source>
        <translation>&quot;linear&quot; oder &quot;log&quot;</translation>
    </message>
    <message>
        <source>a colour such as &quot;#1f77b4&quot;</source>
        <translation>eine Farbe wie „#1f77b4“</translation>
    </message>
    <message>
        <source>a text</source>
        <translation>ein Text</translation>
    </message>
</context>
<context>
    <name>dashboard::LeaderSource</name>
    <message>
        <source>The connection to the leader at %1:%2 failed: %3</source>
        <translation>Die Verbindung zum Leader %1:%2 ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>Cannot connect to the leader at %1:%2: %3</source>
        <translation>Keine Verbindung zum Leader %1:%2: %3</translation>
    </message>
    <message>
        <source>Waiting for the leader to accept this viewer…</source>
        <translation>Warten, bis der Leader diesen Betrachter annimmt …</translation>
    </message>
    <message>
        <source>The leader at %1:%2 did not answer the hello within %3 s</source>
        <translation>Der Leader %1:%2 hat die Begrüßung nicht innerhalb von %3 s beantwortet</translation>
    </message>
    <message>
        <source>Connected to the leader</source>
        <translation>Mit dem Leader verbunden</translation>
    </message>
    <message>
        <source>Connected to the leader %1 (level %2)</source>
        <translation>Mit dem Leader %1 verbunden (Stufe %2)</translation>
    </message>
    <message>
        <source>The leader at %1:%2 refused this viewer or could not be trusted: %3</source>
        <translation>Der Leader unter %1:%2 hat diesen Betrachter abgewiesen oder ist nicht vertrauenswürdig: %3</translation>
    </message>
</context>
<context>
    <name>dashboard::LegendModel</name>
    <message>
        <source>%1
Click the box to hide or show it; double-click to show it alone.</source>
        <translation>%1
Kästchen anklicken zum Aus- oder Einblenden; Doppelklick zeigt nur diese Reihe.</translation>
    </message>
    <message>
        <source>Over the visible time range</source>
        <translation>Über den sichtbaren Zeitraum</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>%1
Click the box to hide or show the bands.</source>
        <translation>%1
Klicken Sie auf das Kästchen, um die Bänder aus- oder einzublenden.</translation>
    </message>
    <message>
        <source>%1 (stopped)</source>
        <translation>%1 (beendet)</translation>
    </message>
    <message>
        <source>%1
No data since %2, while its source reports on.
Click the box to hide or show it; double-click to show it alone.</source>
        <translation>%1
Keine Daten seit %2, obwohl die Quelle weiter berichtet.
Kästchen anklicken zum Aus- oder Einblenden; Doppelklick zeigt nur diese Reihe.</translation>
    </message>
</context>
<context>
    <name>dashboard::LegendView</name>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Einblenden</translation>
    </message>
    <message>
        <source>Show Only This</source>
        <translation>Nur diese zeigen</translation>
    </message>
    <message>
        <source>Show All</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>Set Thresholds…</source>
        <translation>Schwellwerte festlegen …</translation>
    </message>
    <message>
        <source>Hide Bands</source>
        <translation>Bänder ausblenden</translation>
    </message>
    <message>
        <source>Show Bands</source>
        <translation>Bänder einblenden</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Farbe…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Sort as Added</source>
        <translation>Wie hinzugefügt sortieren</translation>
    </message>
</context>
<context>
    <name>dashboard::LoadProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop loading, keeping what was read so far</source>
        <translation>Laden abbrechen und behalten, was bisher gelesen wurde</translation>
    </message>
    <message>
        <source>Loading 100%</source>
        <translation>Lädt 100 %</translation>
    </message>
    <message>
        <source>Loading %p%</source>
        <translation>Lädt %p %</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>%1 wird geladen</translation>
    </message>
    <message>
        <source>Loading %1 files:
%2</source>
        <translation>%1 Dateien werden geladen:
%2</translation>
    </message>
</context>
<context>
    <name>dashboard::LocalServiceSource</name>
    <message>
        <source>The service “%1” (pid %2) is not running</source>
        <translation>Der Dienst „%1“ (PID %2) läuft nicht</translation>
    </message>
    <message>
        <source>The service “%1” is not running; waiting for it</source>
        <translation>Der Dienst „%1“ läuft nicht; es wird auf ihn gewartet</translation>
    </message>
    <message>
        <source>The connection to the service “%1” failed: %2</source>
        <translation>Die Verbindung zum Dienst „%1“ ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Cannot connect to the service “%1”: %2</source>
        <translation>Keine Verbindung zum Dienst „%1“: %2</translation>
    </message>
    <message>
        <source>The service “%1” sent a hello this dashboard cannot read: %2</source>
        <translation>Der Dienst „%1“ hat eine Begrüßung gesendet, die dieses Dashboard nicht lesen kann: %2</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (PID %2)</translation>
    </message>
    <message numerus="yes">
        <source>Connected; %n counter(s)</source>
        <translation>
            <numerusform>Verbunden; %n Zähler</numerusform>
            <numerusform>Verbunden; %n Zähler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected (host %1); %n counter(s)</source>
        <translation>
            <numerusform>Verbunden (Host %1); %n Zähler</numerusform>
            <numerusform>Verbunden (Host %1); %n Zähler</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol version %1 (this dashboard speaks version %2)</source>
        <translation>Protokollversion %1 (dieses Dashboard spricht Version %2)</translation>
    </message>
    <message>
        <source>it introduced itself as a %1, not as a service</source>
        <translation>er hat sich als %1 vorgestellt, nicht als Dienst</translation>
    </message>
</context>
<context>
    <name>dashboard::MainWindow</name>
    <message>
        <source>Counters Dashboard</source>
        <translation>Counters-Dashboard</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>&amp;Open Report…</source>
        <translation>Bericht ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open a saved report or a history file (JSON or JSON Lines)</source>
        <translation>Einen gespeicherten Bericht oder eine Verlaufsdatei öffnen (JSON oder JSON Lines)</translation>
    </message>
    <message>
        <source>&amp;Watch Report File…</source>
        <translation>Berichtsdatei &amp;beobachten …</translation>
    </message>
    <message>
        <source>Follow a report file that a service keeps rewriting</source>
        <translation>Eine Berichtsdatei verfolgen, die ein Dienst laufend neu schreibt</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden …</translation>
    </message>
    <message>
        <source>Connect to a service, a multi-process leader or an HTTP endpoint</source>
        <translation>Mit einem Dienst, einem Multiprozess-Leader oder einem HTTP-Endpunkt verbinden</translation>
    </message>
    <message>
        <source>Export Chart as &amp;PNG…</source>
        <translation>Diagramm als &amp;PNG exportieren …</translation>
    </message>
    <message>
        <source>Save the current chart as an image</source>
        <translation>Das aktuelle Diagramm als Bild speichern</translation>
    </message>
    <message>
        <source>Export Data as C&amp;SV…</source>
        <translation>Daten als C&amp;SV exportieren …</translation>
    </message>
    <message>
        <source>Save the history of the current chart&apos;s counters as CSV</source>
        <translation>Den Verlauf der Zähler des aktuellen Diagramms als CSV speichern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Add to Chart</source>
        <translation>Zum Diagramm &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Chart the counters selected in the table</source>
        <translation>Die in der Tabelle ausgewählten Zähler darstellen</translation>
    </message>
    <message>
        <source>&amp;New Chart</source>
        <translation>&amp;Neues Diagramm</translation>
    </message>
    <message>
        <source>&amp;Pause Charts</source>
        <translation>Diagramme &amp;anhalten</translation>
    </message>
    <message>
        <source>Freeze the charts; data keeps being recorded</source>
        <translation>Die Diagramme einfrieren; Daten werden weiter aufgezeichnet</translation>
    </message>
    <message>
        <source>Show Per-&amp;Process Values</source>
        <translation>Werte pro &amp;Prozess anzeigen</translation>
    </message>
    <message>
        <source>Show each process&apos;s values of multi-process reports beside the merged ones</source>
        <translation>Bei Multiprozess-Berichten die Werte jedes Prozesses neben den zusammengeführten anzeigen</translation>
    </message>
    <message>
        <source>&amp;Discover Local Services</source>
        <translation>Lokale Dienste &amp;erkennen</translation>
    </message>
    <message>
        <source>List the services of this machine that publish on a local socket</source>
        <translation>Die Dienste dieses Rechners auflisten, die über einen lokalen Socket veröffentlichen</translation>
    </message>
    <message>
        <source>&amp;About Counters Dashboard</source>
        <translation>Über Counters-&amp;Dashboard</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Show &amp;Sources</source>
        <translation>&amp;Quellen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Add to Chart</source>
        <translation>Zum Diagramm</translation>
    </message>
    <message>
        <source>New Chart</source>
        <translation>Neues Diagramm</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Per Process</source>
        <translation>Pro Prozess</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n Quelle</numerusform>
            <numerusform>%n Quellen</numerusform>
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
            <numerusform>%n fehlerhaft</numerusform>
            <numerusform>%n fehlerhaft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n counter(s)</source>
        <translation>
            <numerusform>%n Zähler</numerusform>
            <numerusform>%n Zähler</numerusform>
        </translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>aktualisiert %1</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Open Report</source>
        <translation>Bericht öffnen</translation>
    </message>
    <message>
        <source>Reports and histories (*.json *.jsonl *.ndjson *.log);;All files (*)</source>
        <translation>Berichte und Verläufe (*.json *.jsonl *.ndjson *.log);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Watch Report File</source>
        <translation>Berichtsdatei beobachten</translation>
    </message>
    <message>
        <source>Reports (*.json);;All files (*)</source>
        <translation>Berichte (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The current chart is empty</source>
        <translation>Das aktuelle Diagramm ist leer</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export Data</source>
        <translation>Daten exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>About Counters Dashboard</source>
        <translation>Über Counters-Dashboard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Counters Dashboard %1&lt;/h3&gt;&lt;p&gt;Live charts of the counters of C++/Qt services: local services, multi-process leaders, HTTP endpoints, report files and histories, including those written by PyCounters.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Counters-Dashboard %1&lt;/h3&gt;&lt;p&gt;Live-Diagramme der Zähler von C++/Qt-Diensten: lokale Dienste, Multiprozess-Leader, HTTP-Endpunkte, Berichtsdateien und Verläufe, auch die von PyCounters geschriebenen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Back to &amp;Live</source>
        <translation>Zurück zu &amp;live</translation>
    </message>
    <message>
        <source>Resume the charts and follow the newest data (or double-click a chart)</source>
        <translation>Diagramme fortsetzen und den neuesten Daten folgen (oder Doppelklick in ein Diagramm)</translation>
    </message>
    <message>
        <source>Set &amp;Thresholds…</source>
        <translation>&amp;Schwellwerte festlegen …</translation>
    </message>
    <message>
        <source>Set the warning and critical levels of the counter selected in the table</source>
        <translation>Warn- und kritische Schwelle des in der Tabelle gewählten Zählers festlegen</translation>
    </message>
    <message>
        <source>Select a counter in the table first.</source>
        <translation>Zuerst einen Zähler in der Tabelle auswählen.</translation>
    </message>
    <message>
        <source>&amp;Save Layout…</source>
        <translation>Anordnung &amp;speichern …</translation>
    </message>
    <message>
        <source>Save the charts, their counters, thresholds and ranges to a file</source>
        <translation>Diagramme, ihre Zähler, Schwellwerte und Zeiträume in einer Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Load Layout…</source>
        <translation>Anordnung &amp;laden …</translation>
    </message>
    <message>
        <source>Show the charts of a saved layout</source>
        <translation>Die Diagramme einer gespeicherten Anordnung zeigen</translation>
    </message>
    <message>
        <source>Last &amp;Minute</source>
        <translation>Letzte &amp;Minute</translation>
    </message>
    <message>
        <source>Last &amp;5 Minutes</source>
        <translation>Letzte &amp;5 Minuten</translation>
    </message>
    <message>
        <source>Last &amp;15 Minutes</source>
        <translation>Letzte &amp;15 Minuten</translation>
    </message>
    <message>
        <source>Last &amp;Hour</source>
        <translation>Letzte &amp;Stunde</translation>
    </message>
    <message>
        <source>&amp;Everything</source>
        <translation>&amp;Alles</translation>
    </message>
    <message>
        <source>Show this time range in every chart, live</source>
        <translation>Diesen Zeitraum in allen Diagrammen zeigen, live</translation>
    </message>
    <message>
        <source>Time &amp;Range</source>
        <translation>&amp;Zeitraum</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Layout not loaded: %1</source>
        <translation>Anordnung nicht geladen: %1</translation>
    </message>
    <message>
        <source>Layout %1 loaded</source>
        <translation>Anordnung %1 geladen</translation>
    </message>
    <message>
        <source>Save Layout</source>
        <translation>Anordnung speichern</translation>
    </message>
    <message>
        <source>Layouts (*.json)</source>
        <translation>Anordnungen (*.json)</translation>
    </message>
    <message>
        <source>Load Layout</source>
        <translation>Anordnung laden</translation>
    </message>
    <message>
        <source>Layouts (*.json);;All files (*)</source>
        <translation>Anordnungen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1, running on Qt %2. MIT licence.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Erstellt mit Qt %1, läuft mit Qt %2. MIT-Lizenz.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Address of the source:
  local:NAME — a service on this machine
  tcp://HOST:PORT — a multi-process leader (?token=… if it needs one)
  http://HOST:PORT — a service&apos;s HTTP endpoint
  prometheus://HOST[:PORT] — the Counters series of a Prometheus server
  file:///PATH — a report file that a service rewrites</source>
        <translation>Adresse der Quelle:
  local:NAME — ein Dienst auf diesem Rechner
  tcp://HOST:PORT — ein Multiprozess-Leader (?token=…, falls er eines verlangt)
  http://HOST:PORT — der HTTP-Endpunkt eines Dienstes
  prometheus://HOST[:PORT] — die Counters-Reihen eines Prometheus-Servers
  file:///PFAD — eine Berichtsdatei, die ein Dienst neu schreibt</translation>
    </message>
    <message>
        <source>The memory the charts&apos; history may take: beyond it, older readings are rolled up into coarser intervals</source>
        <translation>Wie viel Speicher der Verlauf der Diagramme belegen darf: darüber hinaus werden ältere Messwerte zu gröberen Intervallen zusammengefasst</translation>
    </message>
    <message>
        <source>&amp;History Memory</source>
        <translation>&amp;Speicher für den Verlauf</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Resume Charts</source>
        <translation>Diagramme &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Follow the newest data again</source>
        <translation>Wieder den neuesten Daten folgen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Add a chart below the others, with the counters selected in the table</source>
        <translation>Ein Diagramm unter den anderen hinzufügen, mit den in der Tabelle ausgewählten Zählern</translation>
    </message>
    <message>
        <source>No source yet.
Open a saved report or history (File ▸ Open), connect to a service (File ▸ Connect), or start a service that uses Counters: local services appear here by themselves.</source>
        <translation>Noch keine Quelle.
Öffnen Sie einen gespeicherten Bericht oder Verlauf (Datei ▸ Öffnen), verbinden Sie sich mit einem Dienst (Datei ▸ Verbinden) oder starten Sie einen Dienst, der Counters verwendet: Lokale Dienste erscheinen hier von selbst.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The dashboard keeps trying. Check that the service runs and listens at this address, or remove the source.</source>
        <translation>Das Dashboard versucht es weiter. Prüfen Sie, ob der Dienst läuft und an dieser Adresse lauscht, oder entfernen Sie die Quelle.</translation>
    </message>
    <message>
        <source>Check the file or the address, then open or connect again.</source>
        <translation>Prüfen Sie die Datei oder die Adresse und öffnen bzw. verbinden Sie erneut.</translation>
    </message>
    <message>
        <source>No source yet.
Open a saved report or history (File ▸ Open) or connect to a service (File ▸ Connect).</source>
        <translation>Noch keine Quelle.
Öffnen Sie einen gespeicherten Bericht oder Verlauf (Datei ▸ Öffnen) oder verbinden Sie sich mit einem Dienst (Datei ▸ Verbinden).</translation>
    </message>
    <message numerus="yes">
        <source>%n critical</source>
        <translation>
            <numerusform>%n kritisch</numerusform>
            <numerusform>%n kritisch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Counters beyond their thresholds: click for the list</source>
        <translation>Zähler jenseits ihrer Schwellwerte: Klicken für die Liste</translation>
    </message>
    <message>
        <source>%1 (%2): %3 since %4</source>
        <translation>%1 (%2): %3 seit %4</translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation>
            <numerusform>%n verstummt</numerusform>
            <numerusform>%n verstummt</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Show what the charts showed before the last zoom, pan or window chosen</source>
        <translation>Zeigt, was die Diagramme vor dem letzten Zoomen, Verschieben oder gewählten Zeitfenster zeigten</translation>
    </message>
    <message>
        <source>Time &amp;Window…</source>
        <translation>Zeit&amp;fenster…</translation>
    </message>
    <message>
        <source>Show every chart from one time to another</source>
        <translation>Alle Diagramme von einem Zeitpunkt bis zu einem anderen zeigen</translation>
    </message>
</context>
<context>
    <name>dashboard::PollingSource</name>
    <message>
        <source>%1 sent more than %2 MiB</source>
        <translation>%1 hat mehr als %2 MiB gesendet</translation>
    </message>
    <message>
        <source>%1 did not finish its answer within %2 s</source>
        <translation>%1 hat seine Antwort nicht innerhalb von %2 s beendet</translation>
    </message>
</context>
<context>
    <name>dashboard::PrometheusAnswer</name>
    <message>
        <source>a sample is not [time, &quot;value&quot;]</source>
        <translation>ein Messwert ist nicht [Zeit, &quot;Wert&quot;]</translation>
    </message>
    <message>
        <source>a range query did not give a matrix</source>
        <translation>eine Bereichsabfrage lieferte keine Matrix</translation>
    </message>
    <message>
        <source>an instant query did not give a vector</source>
        <translation>eine Momentabfrage lieferte keinen Vektor</translation>
    </message>
    <message>
        <source>the answer has no data</source>
        <translation>die Antwort enthält keine Daten</translation>
    </message>
</context>
<context>
    <name>dashboard::PrometheusSource</name>
    <message>
        <source>Prometheus %1:%2</source>
        <translation>Prometheus %1:%2</translation>
    </message>
    <message>
        <source>Asking Prometheus at %1…</source>
        <translation>Prometheus unter %1 wird abgefragt …</translation>
    </message>
    <message>
        <source>Cannot reach Prometheus at %1: %2</source>
        <translation>Prometheus unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>Prometheus answered %1 with HTTP %2%3</source>
        <translation>Prometheus beantwortete %1 mit HTTP %2%3</translation>
    </message>
    <message>
        <source>Prometheus sent an answer to %1 that cannot be read: %2</source>
        <translation>Prometheus hat auf %1 eine unlesbare Antwort gesendet: %2</translation>
    </message>
    <message>
        <source>refreshing every %1 s</source>
        <translation>Aktualisierung alle %1 s</translation>
    </message>
    <message numerus="yes">
        <source>%n series, %1</source>
        <translation>
            <numerusform>%n Zeitreihe, %1</numerusform>
            <numerusform>%n Zeitreihen, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No Counters series yet (no target exports counters_report_timestamp_seconds), %1</source>
        <translation>Noch keine Counters-Zeitreihen (kein Ziel exportiert counters_report_timestamp_seconds), %1</translation>
    </message>
</context>
<context>
    <name>dashboard::ReportFileReader</name>
    <message>
        <source>%1 is a folder, not a report</source>
        <translation>%1 ist ein Ordner, kein Bericht</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 has %2 MiB, more than the %3 MiB a report may have</source>
        <translation>%1 hat %2 MiB, mehr als die %3 MiB, die ein Bericht haben darf</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 ist keine reguläre Datei</translation>
    </message>
    <message>
        <source>%1 has %2 MiB, more than the %3 MiB a history may have</source>
        <translation>%1 hat %2 MiB, mehr als die %3 MiB, die ein Verlauf haben darf</translation>
    </message>
</context>
<context>
    <name>dashboard::SavedFileSource</name>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <source>%1 holds no reports</source>
        <translation>%1 enthält keine Berichte</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s), %1</source>
        <translation>
            <numerusform>%n Bericht, %1</numerusform>
            <numerusform>%n Berichte, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n corrupt line(s) skipped</source>
        <translation>
            <numerusform>%n beschädigte Zeile übersprungen</numerusform>
            <numerusform>%n beschädigte Zeilen übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Report of %1</source>
        <translation>Bericht vom %1</translation>
    </message>
    <message>
        <source>Reading %1: %2 %, %3 reports</source>
        <translation>%1 wird gelesen: %2 %, %3 Berichte</translation>
    </message>
    <message>
        <source>Reading %1 was cancelled</source>
        <translation>Das Lesen von %1 wurde abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled at %1 %: </source>
        <translation>Abgebrochen bei %1 %: </translation>
    </message>
    <message>
        <source>%1 report(s) out of time order</source>
        <translation>%1 Bericht(e) außerhalb der zeitlichen Reihenfolge</translation>
    </message>
    <message>
        <source>Cancelled at %1 %: part of the report of %2</source>
        <translation>Abgebrochen bei %1 %: Teil des Berichts vom %2</translation>
    </message>
</context>
<context>
    <name>dashboard::Screenshotter</name>
    <message>
        <source>no data arrived</source>
        <translation>keine Daten angekommen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>counters-dashboard: cannot write the screenshot %1</source>
        <translation>counters-dashboard: das Bildschirmfoto %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>counters-dashboard: %1</source>
        <translation>counters-dashboard: %1</translation>
    </message>
    <message>
        <source>counters-dashboard: %1 written, but a source failed:
  %2</source>
        <translation>counters-dashboard: %1 geschrieben, aber eine Quelle ist fehlgeschlagen:
  %2</translation>
    </message>
    <message>
        <source>counters-dashboard: %1 written, but there was no source to show: name report files or addresses (local:NAME, http://HOST:PORT, …) on the command line, or a layout with --layout FILE</source>
        <translation>counters-dashboard: %1 geschrieben, aber es gab keine Quelle zum Anzeigen: Berichtsdateien oder Adressen (local:NAME, http://HOST:PORT, …) auf der Befehlszeile angeben oder ein Layout mit --layout DATEI</translation>
    </message>
</context>
<context>
    <name>dashboard::ShortcutsDialog</name>
    <message>
        <source>Zoom a chart in time</source>
        <translation>Ein Diagramm zeitlich vergrößern</translation>
    </message>
    <message>
        <source>Drag a time span, the mouse wheel, + and −</source>
        <translation>Zeitspanne ziehen, Mausrad, + und −</translation>
    </message>
    <message>
        <source>Move a chart in time</source>
        <translation>Ein Diagramm zeitlich verschieben</translation>
    </message>
    <message>
        <source>Shift+drag, the middle button, ← and →</source>
        <translation>Umschalt+Ziehen, mittlere Taste, ← und →</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Zurück zu live</translation>
    </message>
    <message>
        <source>Double-click, Home</source>
        <translation>Doppelklick, Pos1</translation>
    </message>
    <message>
        <source>A chart&apos;s menu: scale, zero, bands</source>
        <translation>Menü eines Diagramms: Skala, Null, Bänder</translation>
    </message>
    <message>
        <source>Right button</source>
        <translation>Rechte Maustaste</translation>
    </message>
    <message>
        <source>Show one series alone</source>
        <translation>Eine Reihe allein zeigen</translation>
    </message>
    <message>
        <source>Double-click it in the legend</source>
        <translation>Doppelklick in der Legende</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>dashboard::Source</name>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
</context>
<context>
    <name>dashboard::SourceDelegate</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>dashboard::SourceFactory</name>
    <message>
        <source>The address is empty</source>
        <translation>Die Adresse ist leer</translation>
    </message>
    <message>
        <source>“%1”: write local:NAME or local:NAME?pid=PID</source>
        <translation>„%1“: local:NAME oder local:NAME?pid=PID schreiben</translation>
    </message>
    <message>
        <source>“%1”: write local:NAME, the name the service listens as</source>
        <translation>„%1“: local:NAME schreiben, mit dem Namen, unter dem der Dienst lauscht</translation>
    </message>
    <message>
        <source>“%1”: no file name</source>
        <translation>„%1“: kein Dateiname</translation>
    </message>
    <message>
        <source>“%1” is not a valid URL: %2</source>
        <translation>„%1“ ist keine gültige URL: %2</translation>
    </message>
    <message>
        <source>“%1” has no host</source>
        <translation>„%1“ hat keinen Host</translation>
    </message>
    <message>
        <source>“%1” needs a port: tcp://HOST:PORT</source>
        <translation>„%1“ braucht einen Port: tcp://HOST:PORT</translation>
    </message>
    <message>
        <source>“%1”: interval must be a positive number of seconds</source>
        <translation>„%1“: interval muss eine positive Anzahl Sekunden sein</translation>
    </message>
    <message>
        <source>“%1”: write prometheus://HOST[:PORT], the address of a Prometheus server</source>
        <translation>„%1“: prometheus://HOST[:PORT] schreiben, die Adresse eines Prometheus-Servers</translation>
    </message>
    <message>
        <source>“%1”: unknown kind of address; use local:NAME, tcp://HOST:PORT, http://HOST:PORT, prometheus://HOST[:PORT] or file:///PATH</source>
        <translation>„%1“: unbekannte Art von Adresse; local:NAME, tcp://HOST:PORT, http://HOST:PORT, prometheus://HOST[:PORT] oder file:///PFAD verwenden</translation>
    </message>
</context>
<context>
    <name>dashboard::SourceListModel</name>
    <message>
        <source>Connecting</source>
        <translation>Verbinde</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Verstummt</translation>
    </message>
    <message>
        <source>No report for %1 (one came every %2 before)</source>
        <translation>Kein Bericht seit %1 (zuvor alle %2)</translation>
    </message>
</context>
<context>
    <name>dashboard::SourcesPanel</name>
    <message>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <source>Remove Source</source>
        <translation>Quelle entfernen</translation>
    </message>
    <message>
        <source>Reconnect to the selected source now (or read its file again)</source>
        <translation>Jetzt neu mit der ausgewählten Quelle verbinden (oder ihre Datei neu lesen)</translation>
    </message>
    <message>
        <source>Stop following the selected source and forget its data</source>
        <translation>Die ausgewählte Quelle nicht mehr verfolgen und ihre Daten verwerfen</translation>
    </message>
</context>
<context>
    <name>dashboard::StreamSource</name>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message numerus="yes">
        <source>The connection closed in the middle of a frame (%n byte(s) of it received); reconnecting</source>
        <translation>
            <numerusform>Die Verbindung wurde mitten in einem Frame geschlossen (%n Byte davon empfangen); neuer Versuch</numerusform>
            <numerusform>Die Verbindung wurde mitten in einem Frame geschlossen (%n Bytes davon empfangen); neuer Versuch</numerusform>
        </translation>
    </message>
    <message>
        <source>The connection was closed; reconnecting</source>
        <translation>Die Verbindung wurde geschlossen; neuer Versuch</translation>
    </message>
    <message>
        <source>Protocol error: %1</source>
        <translation>Protokollfehler: %1</translation>
    </message>
    <message>
        <source>Cannot send to the peer: %1</source>
        <translation>Senden an die Gegenstelle nicht möglich: %1</translation>
    </message>
    <message>
        <source>The peer stopped answering (nothing received for %1 s); reconnecting</source>
        <translation>Die Gegenstelle antwortet nicht mehr (seit %1 s nichts empfangen); neuer Versuch</translation>
    </message>
    <message>
        <source>The peer reported an error: %1</source>
        <translation>Die Gegenstelle meldete einen Fehler: %1</translation>
    </message>
    <message>
        <source>The peer said goodbye; reconnecting</source>
        <translation>Die Gegenstelle hat sich verabschiedet; neuer Versuch</translation>
    </message>
    <message>
        <source>The peer said goodbye (%1); reconnecting</source>
        <translation>Die Gegenstelle hat sich verabschiedet (%1); neuer Versuch</translation>
    </message>
    <message>
        <source>The peer sent a corrupt snapshot: %1</source>
        <translation>Die Gegenstelle hat einen beschädigten Schnappschuss gesendet: %1</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>The peer sent %1 out of turn</source>
        <translation>Die Gegenstelle hat %1 zur Unzeit gesendet</translation>
    </message>
</context>
<context>
    <name>dashboard::ThresholdDialog</name>
    <message>
        <source>Thresholds of %1</source>
        <translation>Schwellwerte von %1</translation>
    </message>
    <message>
        <source>Lines on the charts and a mark in the table when the value reaches a level. Leave a level empty for none. A critical level below the warning level means that low values are the bad ones.</source>
        <translation>Linien in den Diagrammen und eine Markierung in der Tabelle, sobald der Wert eine Schwelle erreicht. Eine leere Schwelle gibt es nicht. Liegt die kritische Schwelle unter der Warnschwelle, sind niedrige Werte die schlechten.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>&amp;Warning:</source>
        <translation>&amp;Warnung:</translation>
    </message>
    <message>
        <source>&amp;Warning (%1):</source>
        <translation>&amp;Warnung (%1):</translation>
    </message>
    <message>
        <source>&amp;Critical:</source>
        <translation>&amp;Kritisch:</translation>
    </message>
    <message>
        <source>&amp;Critical (%1):</source>
        <translation>&amp;Kritisch (%1):</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>pro Sekunde</translation>
    </message>
    <message>
        <source>A level must be a number, optionally with a unit.</source>
        <translation>Ein Schwellwert muss eine Zahl sein, wahlweise mit Einheit.</translation>
    </message>
</context>
<context>
    <name>dashboard::ThresholdSet</name>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
</context>
<context>
    <name>dashboard::TimeRangeDialog</name>
    <message>
        <source>Time Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>Every chart shows this window, paused. Back (%1) returns to what they showed before.</source>
        <translation>Alle Diagramme zeigen dieses Zeitfenster, angehalten. Zurück (%1) zeigt wieder, was sie vorher zeigten.</translation>
    </message>
    <message>
        <source>The end must come after the start.</source>
        <translation>Das Ende muss nach dem Anfang liegen.</translation>
    </message>
</context>
<context>
    <name>dashboard::ValueFormat</name>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Average time</source>
        <translation>Mittlere Dauer</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Frequenz</translation>
    </message>
    <message>
        <source>Window sum</source>
        <translation>Fenstersumme</translation>
    </message>
    <message>
        <source>Window max</source>
        <translation>Fenstermaximum</translation>
    </message>
    <message>
        <source>Window min</source>
        <translation>Fensterminimum</translation>
    </message>
    <message>
        <source>Untyped</source>
        <translation>Ohne Typ</translation>
    </message>
    <message>
        <source>Percentiles</source>
        <translation>Perzentile</translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation>Messwert</translation>
    </message>
</context>
<context>
    <name>dashboard::ValueScale</name>
    <message>
        <source>per second</source>
        <translation>pro Sekunde</translation>
    </message>
</context>
<context>
    <name>dashboard::WatchedFileSource</name>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <source>%1 was removed; waiting for it to come back</source>
        <translation>%1 wurde entfernt; es wird auf die Datei gewartet</translation>
    </message>
    <message>
        <source>%1 does not exist yet; waiting for it</source>
        <translation>%1 existiert noch nicht; es wird darauf gewartet</translation>
    </message>
    <message>
        <source>%1; waiting for the next change</source>
        <translation>%1; es wird auf die nächste Änderung gewartet</translation>
    </message>
    <message>
        <source>Watching for changes</source>
        <translation>Änderungen werden beobachtet</translation>
    </message>
</context>
<context>
    <name>dashboard::WelcomePage</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Counters Dashboard</source>
        <translation>Counters-Dashboard</translation>
    </message>
    <message>
        <source>No source yet. Watch the counters of running services live, or open reports and histories they saved:</source>
        <translation>Noch keine Quelle. Verfolgen Sie die Zähler laufender Dienste live, oder öffnen Sie gespeicherte Berichte und Verläufe:</translation>
    </message>
    <message>
        <source>Opened lately</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Services on this machine that publish their counters on a local socket appear by themselves as they start; none runs yet.</source>
        <translation>Dienste dieses Rechners, die ihre Zähler über einen lokalen Socket veröffentlichen, erscheinen von selbst, sobald sie starten; noch läuft keiner.</translation>
    </message>
    <message>
        <source>Local services are not looked for: turn discovery on to list those of this machine as they start.</source>
        <translation>Lokale Dienste werden nicht gesucht: Schalten Sie die Erkennung ein, um die dieses Rechners beim Start aufzulisten.</translation>
    </message>
</context>
<context>
    <name>dashboard::Workspace</name>
    <message>
        <source>“%1” is not a local service</source>
        <translation>„%1“ ist kein lokaler Dienst</translation>
    </message>
    <message>
        <source>not a source</source>
        <translation>keine Quelle</translation>
    </message>
</context>
</TS>
