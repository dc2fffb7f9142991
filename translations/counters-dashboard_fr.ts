<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>dashboard::ChartPanel</name>
    <message>
        <source>Last minute</source>
        <translation>Dernière minute</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>5 dernières minutes</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>15 dernières minutes</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Close this chart</source>
        <translation>Fermer ce graphique</translation>
    </message>
    <message>
        <source>Select counters in the table and choose “Add to Chart”.</source>
        <translation>Sélectionnez des compteurs dans le tableau et choisissez « Ajouter au graphique ».</translation>
    </message>
    <message>
        <source>(paused)</source>
        <translation>(en pause)</translation>
    </message>
    <message>
        <source>Empty chart</source>
        <translation>Graphique vide</translation>
    </message>
    <message>
        <source>Time shown (Alt+1 … Alt+5)</source>
        <translation>Période affichée (Alt+1 … Alt+5)</translation>
    </message>
    <message>
        <source>Drag to zoom, Shift+drag to pan, double-click to go back to live</source>
        <translation>Glisser pour zoomer, Maj+glisser pour déplacer, double-clic pour revenir au direct</translation>
    </message>
    <message>
        <source>warning %1</source>
        <translation>avertissement %1</translation>
    </message>
    <message>
        <source>critical %1</source>
        <translation>critique %1</translation>
    </message>
    <message>
        <source>(mean of %1: %2 readings, %3 – %4)</source>
        <translation>(moyenne sur %1 : %2 mesures, %3 – %4)</translation>
    </message>
    <message>
        <source>(older: means of %1)</source>
        <translation>(plus anciens : moyennes sur %1)</translation>
    </message>
    <message>
        <source>&amp;Logarithmic Scale</source>
        <translation>Échelle &amp;logarithmique</translation>
    </message>
    <message>
        <source>Start at &amp;Zero</source>
        <translation>Commencer à &amp;zéro</translation>
    </message>
    <message>
        <source>Whether the value axis starts at zero (linear scale)</source>
        <translation>Si l’axe des valeurs commence à zéro (échelle linéaire)</translation>
    </message>
    <message>
        <source>&amp;Bands</source>
        <translation>&amp;Bandes</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message numerus="yes">
        <source>(none drawn: more than %n line(s))</source>
        <translation>
            <numerusform>(aucune dessinée : plus de %n ligne)</numerusform>
            <numerusform>(aucune dessinée : plus de %n lignes)</numerusform>
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
        <translation>(fenêtre %1 – %2)</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <source>The 90th percentile of the window: the darker band reaches from the median (the line) to it.</source>
        <translation>Le 90e centile de la fenêtre : la bande la plus foncée va de la médiane (la ligne) jusqu’à lui.</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>The 99th percentile of the window: the fainter band reaches from the p90 to it.</source>
        <translation>Le 99e centile de la fenêtre : la bande la plus pâle va du p90 jusqu’à lui.</translation>
    </message>
    <message>
        <source>The band reaches from the smallest to the largest value of the counter&apos;s window.</source>
        <translation>La bande va de la plus petite à la plus grande valeur de la fenêtre du compteur.</translation>
    </message>
    <message>
        <source>window max</source>
        <translation>max. fenêtre</translation>
    </message>
    <message>
        <source>window min</source>
        <translation>min. fenêtre</translation>
    </message>
    <message>
        <source>%1 of process %2 (%3)</source>
        <translation>%1 du processus %2 (%3)</translation>
    </message>
    <message>
        <source>%1 of data</source>
        <translation>%1 de données</translation>
    </message>
    <message>
        <source>The data so far covers less than the range chosen (%1).</source>
        <translation>Les données reçues couvrent moins que la plage choisie (%1).</translation>
    </message>
    <message>
        <source>&amp;Duplicate Chart</source>
        <translation>&amp;Dupliquer le graphique</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>pas de données</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>&amp;Couleur</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>Re&amp;nommer</translation>
    </message>
    <message>
        <source>%1: Palette Colour</source>
        <translation>%1 : couleur de la palette</translation>
    </message>
    <message>
        <source>Colour of %1</source>
        <translation>Couleur de %1</translation>
    </message>
    <message>
        <source>Rename Series</source>
        <translation>Renommer la série</translation>
    </message>
    <message>
        <source>Name of %1 in this chart (empty: the counter&apos;s name):</source>
        <translation>Nom de %1 dans ce graphique (vide : le nom du compteur) :</translation>
    </message>
</context>
<context>
    <name>dashboard::ChartView</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n autre</numerusform>
            <numerusform>+%n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dashboard::CommandLineOptions</name>
    <message>
        <source>Live charts of the counters of services that use Counters (or PyCounters).</source>
        <translation>Graphiques en direct des compteurs des services qui utilisent Counters (ou PyCounters).</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Afficher cette aide et quitter.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Afficher la version et quitter.</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADRESSE</translation>
    </message>
    <message>
        <source>Open a saved report or a JSON Lines history, also one written by PyCounters. Repeatable; files may also be given without --open.</source>
        <translation>Ouvrir un rapport enregistré ou un historique JSON Lines, y compris ceux écrits par PyCounters. Répétable ; les fichiers peuvent aussi être donnés sans --open.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>Render the window offscreen once every source has delivered data, write it to FILE as PNG and exit: 0 when all went well, 1 when a source failed.</source>
        <translation>Dessiner la fenêtre hors écran dès que chaque source a fourni des données, l&apos;écrire en PNG dans FICHIER et quitter : 0 si tout s&apos;est bien passé, 1 si une source a échoué.</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDES</translation>
    </message>
    <message>
        <source>Use the language CODE (%1) instead of the system&apos;s.</source>
        <translation>Utiliser la langue CODE (%1) au lieu de celle du système.</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Colours: system (default), light or dark.</source>
        <translation>Couleurs : system (par défaut), light (clair) ou dark (sombre).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>Do not list the local services of this machine by themselves.</source>
        <translation>Ne pas lister d&apos;office les services locaux de cette machine.</translation>
    </message>
    <message>
        <source>files</source>
        <translation>fichiers</translation>
    </message>
    <message>
        <source>Saved reports or histories to open.</source>
        <translation>Rapports enregistrés ou historiques à ouvrir.</translation>
    </message>
    <message>
        <source>[FILE...]</source>
        <translation>[FICHIER...]</translation>
    </message>
    <message>
        <source>counters-dashboard: %1</source>
        <translation>counters-dashboard : %1</translation>
    </message>
    <message>
        <source>Try “counters-dashboard --help”.</source>
        <translation>Essayez « counters-dashboard --help ».</translation>
    </message>
    <message>
        <source>--connect: %1</source>
        <translation>--connect : %1</translation>
    </message>
    <message>
        <source>--open needs a file name</source>
        <translation>--open requiert un nom de fichier</translation>
    </message>
    <message>
        <source>--screenshot needs a file name</source>
        <translation>--screenshot requiert un nom de fichier</translation>
    </message>
    <message>
        <source>--screenshot-after needs a positive number of seconds, not “%1”</source>
        <translation>--screenshot-after requiert un nombre positif de secondes, pas « %1 »</translation>
    </message>
    <message>
        <source>--lang: no translation for “%1”; available: %2</source>
        <translation>--lang : pas de traduction pour « %1 » ; disponibles : %2</translation>
    </message>
    <message>
        <source>--palette must be system, light or dark, not “%1”</source>
        <translation>--palette doit valoir system, light ou dark, pas « %1 »</translation>
    </message>
    <message>
        <source>Show each process&apos;s values of multi-process reports beside the merged ones.</source>
        <translation>Afficher les valeurs de chaque processus des rapports multiprocessus à côté des valeurs fusionnées.</translation>
    </message>
    <message>
        <source>Once every source has delivered data, write all their counters to FILE as CSV (time, then one column per counter) and exit: 0 when all went well, 1 when a source failed.</source>
        <translation>Dès que chaque source a livré des données, écrire tous leurs compteurs dans FICHIER en CSV (l&apos;heure, puis une colonne par compteur) et quitter : 0 si tout s&apos;est bien passé, 1 si une source a échoué.</translation>
    </message>
    <message>
        <source>Take the screenshot or export at the latest after SECONDS, even if a source has not delivered yet (default 30).</source>
        <translation>Faire la capture ou l&apos;export au plus tard après SECONDES, même si une source n&apos;a encore rien livré (30 par défaut).</translation>
    </message>
    <message>
        <source>Show the layout saved in FILE (charts, counters, thresholds, ranges, and its sources) instead of the last session&apos;s.</source>
        <translation>Afficher la disposition enregistrée dans FICHIER (graphiques, compteurs, seuils, périodes et ses sources) au lieu de celle de la dernière session.</translation>
    </message>
    <message>
        <source>--export-csv needs a file name</source>
        <translation>--export-csv demande un nom de fichier</translation>
    </message>
    <message>
        <source>--layout needs a file name</source>
        <translation>--layout demande un nom de fichier</translation>
    </message>
    <message>
        <source>--screenshot-after needs --screenshot or --export-csv</source>
        <translation>--screenshot-after demande --screenshot ou --export-csv</translation>
    </message>
    <message>
        <source>Follow a source: local:NAME (a service on this machine), tcp://HOST:PORT (a multi-process leader; see --token-file), http://HOST:PORT (an HTTP endpoint&apos;s /report.json), prometheus://HOST[:PORT] (the Counters series a Prometheus server holds) or file:///PATH (a report file that a service rewrites). Repeatable.</source>
        <translation>Suivre une source : local:NOM (un service sur cette machine), tcp://HÔTE:PORT (un leader multiprocessus ; voir --token-file), http://HÔTE:PORT (le /report.json d&apos;un point d&apos;accès HTTP), prometheus://HÔTE[:PORT] (les séries Counters d&apos;un serveur Prometheus) ou file:///CHEMIN (un fichier de rapport qu&apos;un service réécrit). Répétable.</translation>
    </message>
    <message>
        <source>Read the token of multi-process groups (tcp:// sources) from the first line of FILE. Without it, the environment variable COUNTERS_TOKEN is used, if set.</source>
        <translation>Lire le jeton des groupes multiprocessus (sources tcp://) dans la première ligne de FICHIER. Sans cette option, la variable d&apos;environnement COUNTERS_TOKEN est utilisée si elle est définie.</translation>
    </message>
    <message>
        <source>--token-file: %1</source>
        <translation>--token-file : %1</translation>
    </message>
    <message>
        <source>On exit, print how long the window was ever unresponsive (the longest delay of a 10 ms timer, as max_stall_ms=N) and the peak memory (peak_rss_mb=N).</source>
        <translation>À la sortie, afficher la plus longue durée pendant laquelle la fenêtre n&apos;a pas répondu (le plus long retard d&apos;une minuterie de 10 ms, sous la forme max_stall_ms=N) et la mémoire maximale (peak_rss_mb=N).</translation>
    </message>
    <message>
        <source>Quit after SECONDS (for measurements, with --report-stalls).</source>
        <translation>Quitter après SECONDES (pour les mesures, avec --report-stalls).</translation>
    </message>
    <message>
        <source>--quit-after needs a positive number of seconds, not “%1”</source>
        <translation>--quit-after attend un nombre positif de secondes, pas « %1 »</translation>
    </message>
</context>
<context>
    <name>dashboard::CounterListModel</name>
    <message>
        <source>window %1</source>
        <translation>fenêtre de %1</translation>
    </message>
    <message>
        <source>Process %1</source>
        <translation>Processus %1</translation>
    </message>
    <message>
        <source>Smallest value in the window</source>
        <translation>Plus petite valeur de la fenêtre</translation>
    </message>
    <message>
        <source>Average of the window</source>
        <translation>Moyenne de la fenêtre</translation>
    </message>
    <message>
        <source>Largest value in the window</source>
        <translation>Plus grande valeur de la fenêtre</translation>
    </message>
    <message>
        <source>Events in the window</source>
        <translation>Événements dans la fenêtre</translation>
    </message>
    <message>
        <source>Time since the reading was collected</source>
        <translation>Temps écoulé depuis la collecte de la valeur</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Compteur</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min.</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>Moy.</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>warning at %1</source>
        <translation>avertissement à %1</translation>
    </message>
    <message>
        <source>critical at %1</source>
        <translation>critique à %1</translation>
    </message>
    <message>
        <source>Events not recorded: %1 (NaN or infinite values, ends without a start)</source>
        <translation>Événements non enregistrés : %1 (valeurs NaN ou infinies, fins sans début)</translation>
    </message>
    <message>
        <source>Label sets recorded here because the family reached its series limit: %1</source>
        <translation>Jeux de labels enregistrés ici car la famille a atteint sa limite de séries : %1</translation>
    </message>
    <message>
        <source>Of the rates reported during the last %1 (the rate&apos;s window)</source>
        <translation>Des taux rapportés pendant les dernières %1 (la fenêtre du taux)</translation>
    </message>
    <message>
        <source>Median of the window (percentile counters)</source>
        <translation>Médiane de la fenêtre (compteurs de centiles)</translation>
    </message>
    <message>
        <source>90th percentile of the window (percentile counters)</source>
        <translation>90e centile de la fenêtre (compteurs de centiles)</translation>
    </message>
    <message>
        <source>99th percentile of the window (percentile counters)</source>
        <translation>99e centile de la fenêtre (compteurs de centiles)</translation>
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
        <translation>Par processus</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Show only counters of this type</source>
        <translation>Afficher uniquement les compteurs de ce type</translation>
    </message>
    <message>
        <source>Show only the counters of this source</source>
        <translation>Afficher uniquement les compteurs de cette source</translation>
    </message>
    <message>
        <source>Also list each process&apos;s values of multi-process reports</source>
        <translation>Lister aussi les valeurs de chaque processus des rapports multiprocessus</translation>
    </message>
    <message>
        <source>Add to Chart</source>
        <translation>Ajouter au graphique</translation>
    </message>
    <message>
        <source>Chart the selected counters (double-click a row, or Enter)</source>
        <translation>Tracer les compteurs sélectionnés (double-clic sur une ligne ou Entrée)</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Toutes les sources</translation>
    </message>
    <message>
        <source>Add to New Chart</source>
        <translation>Ajouter à un nouveau graphique</translation>
    </message>
    <message>
        <source>Copy Names</source>
        <translation>Copier les noms</translation>
    </message>
    <message>
        <source>Set Thresholds…</source>
        <translation>Définir les seuils…</translation>
    </message>
    <message>
        <source>Filter counters (name, a pattern like req*_time, or a label like kind=text)</source>
        <translation>Filtrer les compteurs (nom, motif comme req*_time ou label comme kind=text)</translation>
    </message>
    <message>
        <source>Chart Split by</source>
        <translation>Graphique réparti par</translation>
    </message>
    <message>
        <source>%1 (%2 lines)</source>
        <translation>%1 (%2 courbes)</translation>
    </message>
    <message>
        <source>Chart Every Series</source>
        <translation>Graphique de chaque série</translation>
    </message>
    <message>
        <source>Default Columns</source>
        <translation>Colonnes par défaut</translation>
    </message>
</context>
<context>
    <name>dashboard::CsvExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>dashboard::DashboardApplication</name>
    <message>
        <source>counters-dashboard: --layout: %1</source>
        <translation>counters-dashboard : --layout : %1</translation>
    </message>
</context>
<context>
    <name>dashboard::FamilyGroupProxyModel</name>
    <message>
        <source>Counter family %1: %2 series shown; this row sums up all its series</source>
        <translation>Famille de compteurs %1 : %2 séries affichées ; cette ligne cumule toutes ses séries</translation>
    </message>
</context>
<context>
    <name>dashboard::HistoryCsvExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Export annulé</translation>
    </message>
    <message>
        <source>%1 holds no reports</source>
        <translation>Aucun rapport dans %1</translation>
    </message>
    <message>
        <source>Export interrupted</source>
        <translation>Export interrompu</translation>
    </message>
</context>
<context>
    <name>dashboard::HistoryStreamer</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>cannot read history %1</source>
        <translation>impossible de lire l&apos;historique %1</translation>
    </message>
    <message>
        <source>skipped %1 corrupt line(s)</source>
        <translation>%1 ligne(s) corrompue(s) ignorée(s)</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>%1 has %2 MiB, more than the %3 MiB a history may have</source>
        <translation>%1 fait %2 Mio, plus que les %3 Mio permis pour un historique</translation>
    </message>
</context>
<context>
    <name>dashboard::HttpSource</name>
    <message>
        <source>Requesting %1…</source>
        <translation>Interrogation de %1…</translation>
    </message>
    <message>
        <source>Cannot fetch %1: %2</source>
        <translation>Impossible de récupérer %1 : %2</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 %3</source>
        <translation>%1 a répondu HTTP %2 %3</translation>
    </message>
    <message>
        <source>%1 is not a report: %2</source>
        <translation>%1 n&apos;est pas un rapport : %2</translation>
    </message>
    <message>
        <source>Polling every %1 s</source>
        <translation>Interrogation toutes les %1 s</translation>
    </message>
</context>
<context>
    <name>dashboard::Layout</name>
    <message>
        <source>not a layout: invalid JSON at byte %1 (%2)</source>
        <translation>pas une disposition : JSON invalide à l&apos;octet %1 (%2)</translation>
    </message>
    <message>
        <source>not a layout: the JSON is not an object</source>
        <translation>pas une disposition : le JSON n&apos;est pas un objet</translation>
    </message>
    <message>
        <source>not a layout: it has no &quot;version&quot;</source>
        <translation>pas une disposition : « version » manque</translation>
    </message>
    <message>
        <source>layout version %1 is not supported (this dashboard reads version %2)</source>
        <translation>la version de disposition %1 n&apos;est pas prise en charge (ce tableau de bord lit la version %2)</translation>
    </message>
    <message>
        <source>bad layout: &quot;%1&quot; must be %2</source>
        <translation>disposition incorrecte : « %1 » doit être %2</translation>
    </message>
    <message>
        <source>a list of source addresses</source>
        <translation>une liste d&apos;adresses de sources</translation>
    </message>
    <message>
        <source>a list of charts</source>
        <translation>une liste de graphiques</translation>
    </message>
    <message>
        <source>a text such as &quot;5m&quot;</source>
        <translation>un texte comme « 5m »</translation>
    </message>
    <message>
        <source>a list of counters</source>
        <translation>une liste de compteurs</translation>
    </message>
    <message>
        <source>an object of counters</source>
        <translation>un objet de compteurs</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>%1: not a layout: the file is too large</source>
        <translation>%1 : pas une disposition : le fichier est trop grand</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <source>a number of MiB from 1 to 1048576</source>
        <translation>un nombre de Mio entre 1 et 1048576</translation>
    </message>
    <message>
        <source>&quot;linear&quot; or &quot;log&quot;</source>
        <translation>&quot;linear&quot; ou &quot;log&quot;</translation>
    </message>
    <message>
        <source>a colour such as &quot;#1f77b4&quot;</source>
        <translation>une couleur comme « #1f77b4 »</translation>
    </message>
    <message>
        <source>a text</source>
        <translation>un texte</translation>
    </message>
</context>
<context>
    <name>dashboard::LeaderSource</name>
    <message>
        <source>The connection to the leader at %1:%2 failed: %3</source>
        <translation>La connexion au leader %1:%2 a échoué : %3</translation>
    </message>
    <message>
        <source>Cannot connect to the leader at %1:%2: %3</source>
        <translation>Connexion au leader %1:%2 impossible : %3</translation>
    </message>
    <message>
        <source>Waiting for the leader to accept this viewer…</source>
        <translation>En attente de l&apos;acceptation par le leader…</translation>
    </message>
    <message>
        <source>The leader at %1:%2 did not answer the hello within %3 s</source>
        <translation>Le leader %1:%2 n&apos;a pas répondu au bonjour en %3 s</translation>
    </message>
    <message>
        <source>Connected to the leader</source>
        <translation>Connecté au leader</translation>
    </message>
    <message>
        <source>Connected to the leader %1 (level %2)</source>
        <translation>Connecté au leader %1 (niveau %2)</translation>
    </message>
    <message>
        <source>The leader at %1:%2 refused this viewer or could not be trusted: %3</source>
        <translation>Le leader %1:%2 a refusé cet observateur ou n&apos;est pas digne de confiance : %3</translation>
    </message>
</context>
<context>
    <name>dashboard::LegendModel</name>
    <message>
        <source>%1
Click the box to hide or show it; double-click to show it alone.</source>
        <translation>%1
Cliquez sur la case pour la masquer ou l&apos;afficher ; double-cliquez pour l&apos;afficher seule.</translation>
    </message>
    <message>
        <source>Over the visible time range</source>
        <translation>Sur la période visible</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Actuel</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>Moy.</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>%1
Click the box to hide or show the bands.</source>
        <translation>%1
Cliquez sur la case pour masquer ou afficher les bandes.</translation>
    </message>
    <message>
        <source>%1 (stopped)</source>
        <translation>%1 (arrêtée)</translation>
    </message>
    <message>
        <source>%1
No data since %2, while its source reports on.
Click the box to hide or show it; double-click to show it alone.</source>
        <translation>%1
Pas de données depuis %2, alors que sa source continue d&apos;envoyer.
Cliquez sur la case pour la masquer ou l&apos;afficher ; double-cliquez pour l&apos;afficher seule.</translation>
    </message>
</context>
<context>
    <name>dashboard::LegendView</name>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show Only This</source>
        <translation>Afficher seulement celle-ci</translation>
    </message>
    <message>
        <source>Show All</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <source>Set Thresholds…</source>
        <translation>Définir les seuils…</translation>
    </message>
    <message>
        <source>Hide Bands</source>
        <translation>Masquer les bandes</translation>
    </message>
    <message>
        <source>Show Bands</source>
        <translation>Afficher les bandes</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Couleur…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Sort as Added</source>
        <translation>Trier par ordre d&apos;ajout</translation>
    </message>
</context>
<context>
    <name>dashboard::LoadProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop loading, keeping what was read so far</source>
        <translation>Arrêter le chargement en gardant ce qui a déjà été lu</translation>
    </message>
    <message>
        <source>Loading 100%</source>
        <translation>Chargement 100 %</translation>
    </message>
    <message>
        <source>Loading %p%</source>
        <translation>Chargement %p %</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>Chargement de %1</translation>
    </message>
    <message>
        <source>Loading %1 files:
%2</source>
        <translation>Chargement de %1 fichiers :
%2</translation>
    </message>
</context>
<context>
    <name>dashboard::LocalServiceSource</name>
    <message>
        <source>The service “%1” (pid %2) is not running</source>
        <translation>Le service « %1 » (pid %2) n&apos;est pas lancé</translation>
    </message>
    <message>
        <source>The service “%1” is not running; waiting for it</source>
        <translation>Le service « %1 » n&apos;est pas lancé ; en attente</translation>
    </message>
    <message>
        <source>The connection to the service “%1” failed: %2</source>
        <translation>La connexion au service « %1 » a échoué : %2</translation>
    </message>
    <message>
        <source>Cannot connect to the service “%1”: %2</source>
        <translation>Connexion au service « %1 » impossible : %2</translation>
    </message>
    <message>
        <source>The service “%1” sent a hello this dashboard cannot read: %2</source>
        <translation>Le service « %1 » a envoyé un bonjour illisible pour ce tableau de bord : %2</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (pid %2)</translation>
    </message>
    <message numerus="yes">
        <source>Connected; %n counter(s)</source>
        <translation>
            <numerusform>Connecté ; %n compteur</numerusform>
            <numerusform>Connecté ; %n compteurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected (host %1); %n counter(s)</source>
        <translation>
            <numerusform>Connecté (hôte %1) ; %n compteur</numerusform>
            <numerusform>Connecté (hôte %1) ; %n compteurs</numerusform>
        </translation>
    </message>
    <message>
        <source>protocol version %1 (this dashboard speaks version %2)</source>
        <translation>version de protocole %1 (ce tableau de bord parle la version %2)</translation>
    </message>
    <message>
        <source>it introduced itself as a %1, not as a service</source>
        <translation>il s’est présenté comme %1, et non comme un service</translation>
    </message>
</context>
<context>
    <name>dashboard::MainWindow</name>
    <message>
        <source>Counters Dashboard</source>
        <translation>Tableau de bord Counters</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>&amp;Open Report…</source>
        <translation>&amp;Ouvrir un rapport…</translation>
    </message>
    <message>
        <source>Open a saved report or a history file (JSON or JSON Lines)</source>
        <translation>Ouvrir un rapport enregistré ou un fichier historique (JSON ou JSON Lines)</translation>
    </message>
    <message>
        <source>&amp;Watch Report File…</source>
        <translation>&amp;Surveiller un fichier de rapport…</translation>
    </message>
    <message>
        <source>Follow a report file that a service keeps rewriting</source>
        <translation>Suivre un fichier de rapport qu&apos;un service réécrit sans cesse</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Connecter…</translation>
    </message>
    <message>
        <source>Connect to a service, a multi-process leader or an HTTP endpoint</source>
        <translation>Se connecter à un service, à un leader multiprocessus ou à un point d&apos;accès HTTP</translation>
    </message>
    <message>
        <source>Export Chart as &amp;PNG…</source>
        <translation>Exporter le graphique en &amp;PNG…</translation>
    </message>
    <message>
        <source>Save the current chart as an image</source>
        <translation>Enregistrer le graphique courant comme image</translation>
    </message>
    <message>
        <source>Export Data as C&amp;SV…</source>
        <translation>Exporter les données en C&amp;SV…</translation>
    </message>
    <message>
        <source>Save the history of the current chart&apos;s counters as CSV</source>
        <translation>Enregistrer l&apos;historique des compteurs du graphique courant en CSV</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Add to Chart</source>
        <translation>&amp;Ajouter au graphique</translation>
    </message>
    <message>
        <source>Chart the counters selected in the table</source>
        <translation>Tracer les compteurs sélectionnés dans le tableau</translation>
    </message>
    <message>
        <source>&amp;New Chart</source>
        <translation>&amp;Nouveau graphique</translation>
    </message>
    <message>
        <source>&amp;Pause Charts</source>
        <translation>Mettre les graphiques en &amp;pause</translation>
    </message>
    <message>
        <source>Freeze the charts; data keeps being recorded</source>
        <translation>Figer les graphiques ; les données restent enregistrées</translation>
    </message>
    <message>
        <source>Show Per-&amp;Process Values</source>
        <translation>Afficher les valeurs par &amp;processus</translation>
    </message>
    <message>
        <source>Show each process&apos;s values of multi-process reports beside the merged ones</source>
        <translation>Afficher les valeurs de chaque processus des rapports multiprocessus à côté des valeurs fusionnées</translation>
    </message>
    <message>
        <source>&amp;Discover Local Services</source>
        <translation>Découvrir les services &amp;locaux</translation>
    </message>
    <message>
        <source>List the services of this machine that publish on a local socket</source>
        <translation>Lister les services de cette machine qui publient sur un socket local</translation>
    </message>
    <message>
        <source>&amp;About Counters Dashboard</source>
        <translation>À &amp;propos du tableau de bord Counters</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Show &amp;Sources</source>
        <translation>Afficher les &amp;sources</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <source>Add to Chart</source>
        <translation>Ajouter au graphique</translation>
    </message>
    <message>
        <source>New Chart</source>
        <translation>Nouveau graphique</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Per Process</source>
        <translation>Par processus</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
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
            <numerusform>%n en direct</numerusform>
            <numerusform>%n en direct</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failing</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n counter(s)</source>
        <translation>
            <numerusform>%n compteur</numerusform>
            <numerusform>%n compteurs</numerusform>
        </translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>mis à jour à %1</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <source>Open Report</source>
        <translation>Ouvrir un rapport</translation>
    </message>
    <message>
        <source>Reports and histories (*.json *.jsonl *.ndjson *.log);;All files (*)</source>
        <translation>Rapports et historiques (*.json *.jsonl *.ndjson *.log);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Watch Report File</source>
        <translation>Surveiller un fichier de rapport</translation>
    </message>
    <message>
        <source>Reports (*.json);;All files (*)</source>
        <translation>Rapports (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Impossible d&apos;écrire %1</translation>
    </message>
    <message>
        <source>The current chart is empty</source>
        <translation>Le graphique courant est vide</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Export Data</source>
        <translation>Exporter les données</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>About Counters Dashboard</source>
        <translation>À propos du tableau de bord Counters</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Counters Dashboard %1&lt;/h3&gt;&lt;p&gt;Live charts of the counters of C++/Qt services: local services, multi-process leaders, HTTP endpoints, report files and histories, including those written by PyCounters.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tableau de bord Counters %1&lt;/h3&gt;&lt;p&gt;Graphiques en direct des compteurs des services C++/Qt : services locaux, leaders multiprocessus, points d&apos;accès HTTP, fichiers de rapport et historiques, y compris ceux écrits par PyCounters.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Back to &amp;Live</source>
        <translation>Retour au &amp;direct</translation>
    </message>
    <message>
        <source>Resume the charts and follow the newest data (or double-click a chart)</source>
        <translation>Reprendre les graphiques et suivre les données les plus récentes (ou double-cliquer sur un graphique)</translation>
    </message>
    <message>
        <source>Set &amp;Thresholds…</source>
        <translation>Définir les &amp;seuils…</translation>
    </message>
    <message>
        <source>Set the warning and critical levels of the counter selected in the table</source>
        <translation>Définir les seuils d&apos;avertissement et critique du compteur choisi dans le tableau</translation>
    </message>
    <message>
        <source>Select a counter in the table first.</source>
        <translation>Choisissez d&apos;abord un compteur dans le tableau.</translation>
    </message>
    <message>
        <source>&amp;Save Layout…</source>
        <translation>&amp;Enregistrer la disposition…</translation>
    </message>
    <message>
        <source>Save the charts, their counters, thresholds and ranges to a file</source>
        <translation>Enregistrer les graphiques, leurs compteurs, seuils et périodes dans un fichier</translation>
    </message>
    <message>
        <source>&amp;Load Layout…</source>
        <translation>&amp;Charger une disposition…</translation>
    </message>
    <message>
        <source>Show the charts of a saved layout</source>
        <translation>Afficher les graphiques d&apos;une disposition enregistrée</translation>
    </message>
    <message>
        <source>Last &amp;Minute</source>
        <translation>Dernière &amp;minute</translation>
    </message>
    <message>
        <source>Last &amp;5 Minutes</source>
        <translation>&amp;5 dernières minutes</translation>
    </message>
    <message>
        <source>Last &amp;15 Minutes</source>
        <translation>&amp;15 dernières minutes</translation>
    </message>
    <message>
        <source>Last &amp;Hour</source>
        <translation>Dernière &amp;heure</translation>
    </message>
    <message>
        <source>&amp;Everything</source>
        <translation>&amp;Tout</translation>
    </message>
    <message>
        <source>Show this time range in every chart, live</source>
        <translation>Afficher cette période dans tous les graphiques, en direct</translation>
    </message>
    <message>
        <source>Time &amp;Range</source>
        <translation>&amp;Période</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Layout not loaded: %1</source>
        <translation>Disposition non chargée : %1</translation>
    </message>
    <message>
        <source>Layout %1 loaded</source>
        <translation>Disposition %1 chargée</translation>
    </message>
    <message>
        <source>Save Layout</source>
        <translation>Enregistrer la disposition</translation>
    </message>
    <message>
        <source>Layouts (*.json)</source>
        <translation>Dispositions (*.json)</translation>
    </message>
    <message>
        <source>Load Layout</source>
        <translation>Charger une disposition</translation>
    </message>
    <message>
        <source>Layouts (*.json);;All files (*)</source>
        <translation>Dispositions (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Built with Qt %1, running on Qt %2. MIT licence.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Compilé avec Qt %1, exécuté avec Qt %2. Licence MIT.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Address of the source:
  local:NAME — a service on this machine
  tcp://HOST:PORT — a multi-process leader (?token=… if it needs one)
  http://HOST:PORT — a service&apos;s HTTP endpoint
  prometheus://HOST[:PORT] — the Counters series of a Prometheus server
  file:///PATH — a report file that a service rewrites</source>
        <translation>Adresse de la source :
  local:NOM — un service sur cette machine
  tcp://HÔTE:PORT — un leader multiprocessus (?token=… s&apos;il en exige un)
  http://HÔTE:PORT — le point d&apos;accès HTTP d&apos;un service
  prometheus://HÔTE[:PORT] — les séries Counters d&apos;un serveur Prometheus
  file:///CHEMIN — un fichier de rapport qu&apos;un service réécrit</translation>
    </message>
    <message>
        <source>The memory the charts&apos; history may take: beyond it, older readings are rolled up into coarser intervals</source>
        <translation>La mémoire que l&apos;historique des graphiques peut occuper : au-delà, les mesures plus anciennes sont regroupées par intervalles plus larges</translation>
    </message>
    <message>
        <source>&amp;History Memory</source>
        <translation>&amp;Mémoire de l&apos;historique</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Resume Charts</source>
        <translation>&amp;Reprendre les graphiques</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Follow the newest data again</source>
        <translation>Suivre à nouveau les dernières données</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Add a chart below the others, with the counters selected in the table</source>
        <translation>Ajouter un graphique sous les autres, avec les compteurs sélectionnés dans le tableau</translation>
    </message>
    <message>
        <source>No source yet.
Open a saved report or history (File ▸ Open), connect to a service (File ▸ Connect), or start a service that uses Counters: local services appear here by themselves.</source>
        <translation>Aucune source pour l’instant.
Ouvrez un rapport ou un historique enregistré (Fichier ▸ Ouvrir), connectez-vous à un service (Fichier ▸ Connecter) ou démarrez un service qui utilise Counters : les services locaux apparaissent ici d’eux-mêmes.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>The dashboard keeps trying. Check that the service runs and listens at this address, or remove the source.</source>
        <translation>Le tableau de bord continue d’essayer. Vérifiez que le service tourne et écoute à cette adresse, ou retirez la source.</translation>
    </message>
    <message>
        <source>Check the file or the address, then open or connect again.</source>
        <translation>Vérifiez le fichier ou l’adresse, puis ouvrez ou connectez-vous de nouveau.</translation>
    </message>
    <message>
        <source>No source yet.
Open a saved report or history (File ▸ Open) or connect to a service (File ▸ Connect).</source>
        <translation>Aucune source pour l’instant.
Ouvrez un rapport ou un historique enregistré (Fichier ▸ Ouvrir) ou connectez-vous à un service (Fichier ▸ Connecter).</translation>
    </message>
    <message numerus="yes">
        <source>%n critical</source>
        <translation>
            <numerusform>%n critique</numerusform>
            <numerusform>%n critiques</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message>
        <source>Counters beyond their thresholds: click for the list</source>
        <translation>Compteurs au-delà de leurs seuils : cliquez pour la liste</translation>
    </message>
    <message>
        <source>%1 (%2): %3 since %4</source>
        <translation>%1 (%2) : %3 depuis %4</translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation>
            <numerusform>%n muette</numerusform>
            <numerusform>%n muettes</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Retour</translation>
    </message>
    <message>
        <source>Show what the charts showed before the last zoom, pan or window chosen</source>
        <translation>Affiche ce que montraient les graphiques avant le dernier zoom, déplacement ou intervalle choisi</translation>
    </message>
    <message>
        <source>Time &amp;Window…</source>
        <translation>&amp;Intervalle de temps…</translation>
    </message>
    <message>
        <source>Show every chart from one time to another</source>
        <translation>Afficher tous les graphiques d&apos;un instant à un autre</translation>
    </message>
</context>
<context>
    <name>dashboard::PollingSource</name>
    <message>
        <source>%1 sent more than %2 MiB</source>
        <translation>%1 a envoyé plus de %2 Mio</translation>
    </message>
    <message>
        <source>%1 did not finish its answer within %2 s</source>
        <translation>%1 n&apos;a pas terminé sa réponse en %2 s</translation>
    </message>
</context>
<context>
    <name>dashboard::PrometheusAnswer</name>
    <message>
        <source>a sample is not [time, &quot;value&quot;]</source>
        <translation>un échantillon n&apos;est pas [heure, &quot;valeur&quot;]</translation>
    </message>
    <message>
        <source>a range query did not give a matrix</source>
        <translation>une requête de plage n&apos;a pas donné de matrice</translation>
    </message>
    <message>
        <source>an instant query did not give a vector</source>
        <translation>une requête instantanée n&apos;a pas donné de vecteur</translation>
    </message>
    <message>
        <source>the answer has no data</source>
        <translation>la réponse ne contient pas de données</translation>
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
        <translation>Interrogation de Prometheus à %1…</translation>
    </message>
    <message>
        <source>Cannot reach Prometheus at %1: %2</source>
        <translation>Prometheus à %1 est injoignable : %2</translation>
    </message>
    <message>
        <source>Prometheus answered %1 with HTTP %2%3</source>
        <translation>Prometheus a répondu à %1 avec HTTP %2%3</translation>
    </message>
    <message>
        <source>Prometheus sent an answer to %1 that cannot be read: %2</source>
        <translation>Prometheus a envoyé à %1 une réponse illisible : %2</translation>
    </message>
    <message>
        <source>refreshing every %1 s</source>
        <translation>actualisation toutes les %1 s</translation>
    </message>
    <message numerus="yes">
        <source>%n series, %1</source>
        <translation>
            <numerusform>%n série, %1</numerusform>
            <numerusform>%n séries, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No Counters series yet (no target exports counters_report_timestamp_seconds), %1</source>
        <translation>Pas encore de séries Counters (aucune cible n&apos;exporte counters_report_timestamp_seconds), %1</translation>
    </message>
</context>
<context>
    <name>dashboard::ReportFileReader</name>
    <message>
        <source>%1 is a folder, not a report</source>
        <translation>%1 est un dossier, pas un rapport</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>%1 has %2 MiB, more than the %3 MiB a report may have</source>
        <translation>%1 fait %2 Mio, plus que les %3 Mio permis pour un rapport</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 n&apos;est pas un fichier ordinaire</translation>
    </message>
    <message>
        <source>%1 has %2 MiB, more than the %3 MiB a history may have</source>
        <translation>%1 fait %2 Mio, plus que les %3 Mio permis pour un historique</translation>
    </message>
</context>
<context>
    <name>dashboard::SavedFileSource</name>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>%1 holds no reports</source>
        <translation>Aucun rapport dans %1</translation>
    </message>
    <message numerus="yes">
        <source>%n report(s), %1</source>
        <translation>
            <numerusform>%n rapport, %1</numerusform>
            <numerusform>%n rapports, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n corrupt line(s) skipped</source>
        <translation>
            <numerusform>%n ligne corrompue ignorée</numerusform>
            <numerusform>%n lignes corrompues ignorées</numerusform>
        </translation>
    </message>
    <message>
        <source>Report of %1</source>
        <translation>Rapport du %1</translation>
    </message>
    <message>
        <source>Reading %1: %2 %, %3 reports</source>
        <translation>Lecture de %1 : %2 %, %3 rapports</translation>
    </message>
    <message>
        <source>Reading %1 was cancelled</source>
        <translation>La lecture de %1 a été annulée</translation>
    </message>
    <message>
        <source>Cancelled at %1 %: </source>
        <translation>Annulé à %1 % : </translation>
    </message>
    <message>
        <source>%1 report(s) out of time order</source>
        <translation>%1 rapport(s) hors de l&apos;ordre chronologique</translation>
    </message>
    <message>
        <source>Cancelled at %1 %: part of the report of %2</source>
        <translation>Annulé à %1 % : partie du rapport du %2</translation>
    </message>
</context>
<context>
    <name>dashboard::Screenshotter</name>
    <message>
        <source>no data arrived</source>
        <translation>aucune donnée reçue</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>counters-dashboard: cannot write the screenshot %1</source>
        <translation>counters-dashboard : impossible d&apos;écrire la capture %1</translation>
    </message>
    <message>
        <source>counters-dashboard: %1</source>
        <translation>counters-dashboard : %1</translation>
    </message>
    <message>
        <source>counters-dashboard: %1 written, but a source failed:
  %2</source>
        <translation>counters-dashboard : %1 écrit, mais une source a échoué :
  %2</translation>
    </message>
    <message>
        <source>counters-dashboard: %1 written, but there was no source to show: name report files or addresses (local:NAME, http://HOST:PORT, …) on the command line, or a layout with --layout FILE</source>
        <translation>counters-dashboard : %1 écrit, mais aucune source à afficher : indiquez des fichiers de rapport ou des adresses (local:NOM, http://HÔTE:PORT, …) sur la ligne de commande, ou une disposition avec --layout FICHIER</translation>
    </message>
</context>
<context>
    <name>dashboard::ShortcutsDialog</name>
    <message>
        <source>Zoom a chart in time</source>
        <translation>Zoomer un graphique dans le temps</translation>
    </message>
    <message>
        <source>Drag a time span, the mouse wheel, + and −</source>
        <translation>Faire glisser une période, molette, + et −</translation>
    </message>
    <message>
        <source>Move a chart in time</source>
        <translation>Déplacer un graphique dans le temps</translation>
    </message>
    <message>
        <source>Shift+drag, the middle button, ← and →</source>
        <translation>Maj+glisser, bouton du milieu, ← et →</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Revenir au direct</translation>
    </message>
    <message>
        <source>Double-click, Home</source>
        <translation>Double-clic, Début</translation>
    </message>
    <message>
        <source>A chart&apos;s menu: scale, zero, bands</source>
        <translation>Menu d’un graphique : échelle, zéro, bandes</translation>
    </message>
    <message>
        <source>Right button</source>
        <translation>Bouton droit</translation>
    </message>
    <message>
        <source>Show one series alone</source>
        <translation>Afficher une seule série</translation>
    </message>
    <message>
        <source>Double-click it in the legend</source>
        <translation>Double-clic dans la légende</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
</context>
<context>
    <name>dashboard::Source</name>
    <message>
        <source>Stopped</source>
        <translation>Arrêtée</translation>
    </message>
</context>
<context>
    <name>dashboard::SourceDelegate</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>dashboard::SourceFactory</name>
    <message>
        <source>The address is empty</source>
        <translation>L&apos;adresse est vide</translation>
    </message>
    <message>
        <source>“%1”: write local:NAME or local:NAME?pid=PID</source>
        <translation>« %1 » : écrivez local:NOM ou local:NOM?pid=PID</translation>
    </message>
    <message>
        <source>“%1”: write local:NAME, the name the service listens as</source>
        <translation>« %1 » : écrivez local:NOM, le nom sous lequel le service écoute</translation>
    </message>
    <message>
        <source>“%1”: no file name</source>
        <translation>« %1 » : pas de nom de fichier</translation>
    </message>
    <message>
        <source>“%1” is not a valid URL: %2</source>
        <translation>« %1 » n&apos;est pas une URL valide : %2</translation>
    </message>
    <message>
        <source>“%1” has no host</source>
        <translation>« %1 » n&apos;a pas d&apos;hôte</translation>
    </message>
    <message>
        <source>“%1” needs a port: tcp://HOST:PORT</source>
        <translation>« %1 » requiert un port : tcp://HÔTE:PORT</translation>
    </message>
    <message>
        <source>“%1”: interval must be a positive number of seconds</source>
        <translation>« %1 » : interval doit être un nombre positif de secondes</translation>
    </message>
    <message>
        <source>“%1”: write prometheus://HOST[:PORT], the address of a Prometheus server</source>
        <translation>« %1 » : écrivez prometheus://HÔTE[:PORT], l&apos;adresse d&apos;un serveur Prometheus</translation>
    </message>
    <message>
        <source>“%1”: unknown kind of address; use local:NAME, tcp://HOST:PORT, http://HOST:PORT, prometheus://HOST[:PORT] or file:///PATH</source>
        <translation>« %1 » : type d&apos;adresse inconnu ; utilisez local:NOM, tcp://HÔTE:PORT, http://HÔTE:PORT, prometheus://HÔTE[:PORT] ou file:///CHEMIN</translation>
    </message>
</context>
<context>
    <name>dashboard::SourceListModel</name>
    <message>
        <source>Connecting</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Muette</translation>
    </message>
    <message>
        <source>No report for %1 (one came every %2 before)</source>
        <translation>Aucun rapport depuis %1 (un toutes les %2 auparavant)</translation>
    </message>
</context>
<context>
    <name>dashboard::SourcesPanel</name>
    <message>
        <source>Reconnect</source>
        <translation>Reconnecter</translation>
    </message>
    <message>
        <source>Remove Source</source>
        <translation>Retirer la source</translation>
    </message>
    <message>
        <source>Reconnect to the selected source now (or read its file again)</source>
        <translation>Se reconnecter maintenant à la source sélectionnée (ou relire son fichier)</translation>
    </message>
    <message>
        <source>Stop following the selected source and forget its data</source>
        <translation>Ne plus suivre la source sélectionnée et oublier ses données</translation>
    </message>
</context>
<context>
    <name>dashboard::StreamSource</name>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message numerus="yes">
        <source>The connection closed in the middle of a frame (%n byte(s) of it received); reconnecting</source>
        <translation>
            <numerusform>La connexion a été fermée au milieu d&apos;une trame (%n octet reçu) ; reconnexion</numerusform>
            <numerusform>La connexion a été fermée au milieu d&apos;une trame (%n octets reçus) ; reconnexion</numerusform>
        </translation>
    </message>
    <message>
        <source>The connection was closed; reconnecting</source>
        <translation>La connexion a été fermée ; reconnexion</translation>
    </message>
    <message>
        <source>Protocol error: %1</source>
        <translation>Erreur de protocole : %1</translation>
    </message>
    <message>
        <source>Cannot send to the peer: %1</source>
        <translation>Impossible d&apos;envoyer au pair : %1</translation>
    </message>
    <message>
        <source>The peer stopped answering (nothing received for %1 s); reconnecting</source>
        <translation>Le pair ne répond plus (rien reçu depuis %1 s) ; reconnexion</translation>
    </message>
    <message>
        <source>The peer reported an error: %1</source>
        <translation>Le pair a signalé une erreur : %1</translation>
    </message>
    <message>
        <source>The peer said goodbye; reconnecting</source>
        <translation>Le pair a dit au revoir ; reconnexion</translation>
    </message>
    <message>
        <source>The peer said goodbye (%1); reconnecting</source>
        <translation>Le pair a dit au revoir (%1) ; reconnexion</translation>
    </message>
    <message>
        <source>The peer sent a corrupt snapshot: %1</source>
        <translation>Le pair a envoyé un instantané corrompu : %1</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>The peer sent %1 out of turn</source>
        <translation>Le pair a envoyé %1 hors de propos</translation>
    </message>
</context>
<context>
    <name>dashboard::ThresholdDialog</name>
    <message>
        <source>Thresholds of %1</source>
        <translation>Seuils de %1</translation>
    </message>
    <message>
        <source>Lines on the charts and a mark in the table when the value reaches a level. Leave a level empty for none. A critical level below the warning level means that low values are the bad ones.</source>
        <translation>Des lignes sur les graphiques et une marque dans le tableau quand la valeur atteint un seuil. Laissez un seuil vide pour n&apos;en avoir aucun. Un seuil critique inférieur au seuil d&apos;avertissement signifie que ce sont les valeurs basses qui sont mauvaises.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>&amp;Warning:</source>
        <translation>&amp;Avertissement :</translation>
    </message>
    <message>
        <source>&amp;Warning (%1):</source>
        <translation>&amp;Avertissement (%1) :</translation>
    </message>
    <message>
        <source>&amp;Critical:</source>
        <translation>&amp;Critique :</translation>
    </message>
    <message>
        <source>&amp;Critical (%1):</source>
        <translation>&amp;Critique (%1) :</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>par seconde</translation>
    </message>
    <message>
        <source>A level must be a number, optionally with a unit.</source>
        <translation>Un seuil doit être un nombre, avec une unité si besoin.</translation>
    </message>
</context>
<context>
    <name>dashboard::ThresholdSet</name>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
</context>
<context>
    <name>dashboard::TimeRangeDialog</name>
    <message>
        <source>Time Window</source>
        <translation>Intervalle de temps</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au :</translation>
    </message>
    <message>
        <source>Every chart shows this window, paused. Back (%1) returns to what they showed before.</source>
        <translation>Tous les graphiques affichent cet intervalle, en pause. Retour (%1) revient à ce qu&apos;ils affichaient avant.</translation>
    </message>
    <message>
        <source>The end must come after the start.</source>
        <translation>La fin doit venir après le début.</translation>
    </message>
</context>
<context>
    <name>dashboard::ValueFormat</name>
    <message>
        <source>%1 d</source>
        <translation>%1 j</translation>
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
        <translation>maintenant</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>Average time</source>
        <translation>Durée moyenne</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Fréquence</translation>
    </message>
    <message>
        <source>Window sum</source>
        <translation>Somme de fenêtre</translation>
    </message>
    <message>
        <source>Window max</source>
        <translation>Maximum de fenêtre</translation>
    </message>
    <message>
        <source>Window min</source>
        <translation>Minimum de fenêtre</translation>
    </message>
    <message>
        <source>Untyped</source>
        <translation>Sans type</translation>
    </message>
    <message>
        <source>Percentiles</source>
        <translation>Percentiles</translation>
    </message>
    <message>
        <source>Gauge</source>
        <translation>Jauge</translation>
    </message>
</context>
<context>
    <name>dashboard::ValueScale</name>
    <message>
        <source>per second</source>
        <translation>par seconde</translation>
    </message>
</context>
<context>
    <name>dashboard::WatchedFileSource</name>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>%1 was removed; waiting for it to come back</source>
        <translation>%1 a été supprimé ; en attente de son retour</translation>
    </message>
    <message>
        <source>%1 does not exist yet; waiting for it</source>
        <translation>%1 n&apos;existe pas encore ; en attente</translation>
    </message>
    <message>
        <source>%1; waiting for the next change</source>
        <translation>%1 ; en attente de la prochaine modification</translation>
    </message>
    <message>
        <source>Watching for changes</source>
        <translation>Surveillance des modifications</translation>
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
        <translation>Tableau de bord Counters</translation>
    </message>
    <message>
        <source>No source yet. Watch the counters of running services live, or open reports and histories they saved:</source>
        <translation>Aucune source pour l&apos;instant. Suivez en direct les compteurs des services en cours, ou ouvrez les rapports et historiques qu&apos;ils ont enregistrés :</translation>
    </message>
    <message>
        <source>Opened lately</source>
        <translation>Ouverts récemment</translation>
    </message>
    <message>
        <source>Services on this machine that publish their counters on a local socket appear by themselves as they start; none runs yet.</source>
        <translation>Les services de cette machine qui publient leurs compteurs sur un socket local apparaissent d&apos;eux-mêmes dès leur démarrage ; aucun ne tourne encore.</translation>
    </message>
    <message>
        <source>Local services are not looked for: turn discovery on to list those of this machine as they start.</source>
        <translation>Les services locaux ne sont pas recherchés : activez la découverte pour lister ceux de cette machine dès leur démarrage.</translation>
    </message>
</context>
<context>
    <name>dashboard::Workspace</name>
    <message>
        <source>“%1” is not a local service</source>
        <translation>« %1 » n&apos;est pas un service local</translation>
    </message>
    <message>
        <source>not a source</source>
        <translation>pas une source</translation>
    </message>
</context>
</TS>
