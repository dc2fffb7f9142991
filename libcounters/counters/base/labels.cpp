// SPDX-License-Identifier: MIT
#include "labels.h"

namespace counters {

namespace {
bool isNameCharacter(QChar c, bool first)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_'
        || (!first && u >= '0' && u <= '9');
}
} // namespace

bool isValidLabelName(QStringView name, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (name.isEmpty())
        return fail(QStringLiteral("a label name cannot be empty"));
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (!isNameCharacter(name.at(i), i == 0)) {
            return fail(QStringLiteral("the label name \"%1\" is not [a-zA-Z_][a-zA-Z0-9_]*")
                            .arg(name.toString()));
        }
    }
    if (name.startsWith(QLatin1String("__"))) {
        return fail(QStringLiteral("the label name \"%1\" starts with \"__\", which Prometheus "
                                   "reserves")
                        .arg(name.toString()));
    }
    return true;
}

QString seriesName(const QString &family, const Labels &labels)
{
    if (labels.isEmpty())
        return family;
    QString name = family;
    name += QLatin1Char('{');
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        if (it != labels.cbegin())
            name += QLatin1Char(',');
        name += it.key();
        name += QLatin1String("=\"");
        for (const QChar c : it.value()) {
            if (c == u'\\')
                name += QLatin1String("\\\\");
            else if (c == u'"')
                name += QLatin1String("\\\"");
            else if (c == u'\n')
                name += QLatin1String("\\n");
            else
                name += c;
        }
        name += QLatin1Char('"');
    }
    name += QLatin1Char('}');
    return name;
}

} // namespace counters
