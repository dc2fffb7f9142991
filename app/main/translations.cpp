// SPDX-License-Identifier: MIT
#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace dashboard {

namespace {

const QString kPrefix = QStringLiteral("counters-dashboard_");
const QString kFolder = QStringLiteral(":/i18n");

/// "de_DE" → "de", "fr-CA" → "fr".
QString baseLanguage(const QString &language)
{
    QString base = language.section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0);
    return base.toLower();
}

} // namespace

QStringList Translations::available()
{
    QStringList languages;
    const QStringList files = QDir(kFolder).entryList({kPrefix + QStringLiteral("*.qm")});
    for (const QString &file : files)
        languages.append(file.mid(kPrefix.size()).chopped(3));
    if (!languages.contains(QLatin1String("en")))
        languages.append(QStringLiteral("en"));
    languages.sort();
    return languages;
}

bool Translations::isAvailable(const QString &language)
{
    return available().contains(baseLanguage(language));
}

QString Translations::install(QCoreApplication *application, const QString &language)
{
    const QStringList wanted =
        language.isEmpty() ? QLocale::system().uiLanguages() : QStringList{language};
    QString chosen = QStringLiteral("en");
    for (const QString &candidate : wanted) {
        const QString base = baseLanguage(candidate);
        if (available().contains(base)) {
            chosen = base;
            break;
        }
    }

    auto *ours = new QTranslator(application);
    if (ours->load(kPrefix + chosen, kFolder))
        application->installTranslator(ours);
    else
        delete ours;
    // Qt's own strings (standard dialogs, context menus) when the system has them.
    auto *qt = new QTranslator(application);
    if (qt->load(QLocale(chosen), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        application->installTranslator(qt);
    else
        delete qt;

    if (!language.isEmpty())
        QLocale::setDefault(QLocale(language));
    return chosen;
}

} // namespace dashboard
