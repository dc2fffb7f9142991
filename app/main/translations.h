// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

QT_BEGIN_NAMESPACE
class QCoreApplication;
QT_END_NAMESPACE

namespace dashboard {

/**
 * The dashboard's translations: compiled from translations/counters-dashboard_<lang>.ts at
 * build time and embedded as `:/i18n/counters-dashboard_<lang>.qm`. English is the source
 * language (its file only carries plural forms).
 *
 * Call from the GUI thread, before widgets are created.
 */
class Translations
{
public:
    Translations() = delete;

    /// The languages there is a translation for ("de", "en", "fr"), sorted.
    static QStringList available();
    /// Whether `language` ("de", "de_DE", "fr-CA") has a translation.
    static bool isAvailable(const QString &language);
    /**
     * Installs the translators for `language` (empty: the system's UI languages) into the
     * application, Qt's own translations too when they are installed, and makes that
     * language's locale the default (number formats). Returns the language used ("en" when
     * nothing better was found).
     */
    static QString install(QCoreApplication *application, const QString &language = QString());
};

} // namespace dashboard
