// SPDX-License-Identifier: MIT
#include "main/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using dashboard::Translations;

class TranslationsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldEmbedTheTranslations()
    {
        const QStringList languages = Translations::available();
        QCOMPARE(languages,
                 (QStringList{QStringLiteral("de"), QStringLiteral("en"), QStringLiteral("fr")}));
        QVERIFY(Translations::isAvailable(QStringLiteral("de_CH")));
        QVERIFY(Translations::isAvailable(QStringLiteral("fr-CA")));
        QVERIFY(!Translations::isAvailable(QStringLiteral("xx")));
    }

    void shouldTranslate_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("expected");
        QTest::newRow("de menu") << QStringLiteral("de") << QStringLiteral("dashboard::MainWindow")
                                 << QStringLiteral("&File") << -1 << QStringLiteral("&Datei");
        QTest::newRow("fr menu") << QStringLiteral("fr") << QStringLiteral("dashboard::MainWindow")
                                 << QStringLiteral("&File") << -1 << QStringLiteral("&Fichier");
        QTest::newRow("de state") << QStringLiteral("de")
                                  << QStringLiteral("dashboard::SourceListModel")
                                  << QStringLiteral("Offline") << -1 << QStringLiteral("Offline");
        QTest::newRow("fr state") << QStringLiteral("fr")
                                  << QStringLiteral("dashboard::SourceListModel")
                                  << QStringLiteral("Connecting") << -1
                                  << QStringLiteral("Connexion");
        QTest::newRow("en plural")
            << QStringLiteral("en") << QStringLiteral("dashboard::MainWindow")
            << QStringLiteral("%n source(s)") << 2 << QStringLiteral("2 sources");
        QTest::newRow("en singular")
            << QStringLiteral("en") << QStringLiteral("dashboard::MainWindow")
            << QStringLiteral("%n source(s)") << 1 << QStringLiteral("1 source");
        QTest::newRow("de plural")
            << QStringLiteral("de") << QStringLiteral("dashboard::MainWindow")
            << QStringLiteral("%n counter(s)") << 3 << QStringLiteral("3 Zähler");
        QTest::newRow("fr plural")
            << QStringLiteral("fr") << QStringLiteral("dashboard::MainWindow")
            << QStringLiteral("%n source(s)") << 2 << QStringLiteral("2 sources");
        QTest::newRow("de legend")
            << QStringLiteral("de") << QStringLiteral("dashboard::LegendModel")
            << QStringLiteral("Current") << -1 << QStringLiteral("Aktuell");
        QTest::newRow("fr live") << QStringLiteral("fr") << QStringLiteral("dashboard::MainWindow")
                                 << QStringLiteral("Back to &Live") << -1
                                 << QStringLiteral("Retour au &direct");
        QTest::newRow("de threshold state")
            << QStringLiteral("de") << QStringLiteral("dashboard::ThresholdSet")
            << QStringLiteral("Critical") << -1 << QStringLiteral("Kritisch");
        // Qt's own strings (standard buttons, context menus) from Qt's translations, which
        // the scripts install (qt6-translations-l10n).
        QTest::newRow("de Qt's Cancel")
            << QStringLiteral("de") << QStringLiteral("QPlatformTheme") << QStringLiteral("Cancel")
            << -1 << QStringLiteral("Abbrechen");
        QTest::newRow("fr Qt's Cancel")
            << QStringLiteral("fr") << QStringLiteral("QPlatformTheme") << QStringLiteral("Cancel")
            << -1 << QStringLiteral("Annuler");
        QTest::newRow("class without Q_OBJECT")
            << QStringLiteral("de") << QStringLiteral("dashboard::ValueFormat")
            << QStringLiteral("Average time") << -1 << QStringLiteral("Mittlere Dauer");
    }
    void shouldTranslate()
    {
        QFETCH(QString, language);
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(int, count);
        QFETCH(QString, expected);
        QCOMPARE(Translations::install(QCoreApplication::instance(), language), language);
        QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(),
                                             source.toUtf8().constData(), nullptr, count),
                 expected);
        // Start the next row from scratch.
        for (QTranslator *translator :
             QCoreApplication::instance()->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
        QLocale::setDefault(QLocale::c());
    }

    void shouldBeComplete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("de") << QStringLiteral("counters-dashboard_de.ts");
        QTest::newRow("fr") << QStringLiteral("counters-dashboard_fr.ts");
        QTest::newRow("en") << QStringLiteral("counters-dashboard_en.ts");
    }
    void shouldBeComplete()
    {
        QFETCH(QString, file);
        QFile ts(QStringLiteral(DASHBOARD_TRANSLATIONS_DIR "/") + file);
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QStringList missing;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("message")) {
                ++messages;
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == QLatin1String("unfinished") || type == QLatin1String("vanished")
                    || type == QLatin1String("obsolete") || text.trimmed().isEmpty())
                    missing.append(source);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 0);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1String(" | "))));
    }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "tst_translations.moc"
