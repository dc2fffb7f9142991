// SPDX-License-Identifier: MIT
#include "logreporter.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace counters {

namespace {
Q_LOGGING_CATEGORY(lcCounters, "counters", QtInfoMsg)

bool isReservedName(const QString &name)
{
    return name.startsWith(QLatin1String("__")) && name.endsWith(QLatin1String("__"));
}
} // namespace

class LogReporter::Private
{
public:
    explicit Private(const QLoggingCategory &c) : category(c) { }
    const QLoggingCategory &category;
};

LogReporter::LogReporter(QObject *parent) : LogReporter(lcCounters(), parent) { }

LogReporter::LogReporter(const QLoggingCategory &category, QObject *parent)
    : Reporter(parent), d(std::make_unique<Private>(category))
{
}

LogReporter::~LogReporter() = default;

const QLoggingCategory &LogReporter::defaultCategory()
{
    return lcCounters();
}

const QLoggingCategory &LogReporter::category() const
{
    return d->category;
}

QString LogReporter::formatNumber(double value)
{
    char buffer[40];
    int n = std::snprintf(buffer, sizeof buffer, "%.12g", value);
    // Python 2's str() is %.12g but for one thing: a value with 12 integer digits (after
    // rounding to 12 significant ones) is written in exponent form already, since its ".0"
    // would not fit the 12 digits. printf switches only at 13.
    const char *digits = buffer[0] == '-' ? buffer + 1 : buffer;
    if (std::strlen(digits) == 12
        && std::all_of(digits, digits + 12, [](char c) { return c >= '0' && c <= '9'; })) {
        n = std::snprintf(buffer, sizeof buffer, "%.11e", value);
        // "1.23450000000e+11" -> "1.2345e+11", "1.00000000000e+11" -> "1e+11", as %g would.
        char *exponent = std::strchr(buffer, 'e');
        char *end = exponent;
        while (end[-1] == '0')
            --end;
        if (end[-1] == '.')
            --end;
        std::memmove(end, exponent, std::strlen(exponent) + 1);
        n = int(std::strlen(buffer));
    }
    return QString::fromLatin1(buffer, n);
}

QString LogReporter::formatValue(const CounterRow &row)
{
    if (row.value)
        return formatNumber(*row.value);
    if (row.subValues.isEmpty())
        return QStringLiteral("None");
    QString text = QStringLiteral("{");
    for (auto it = row.subValues.cbegin(); it != row.subValues.cend(); ++it) {
        if (it != row.subValues.cbegin())
            text += QStringLiteral(", ");
        text += QLatin1Char('\'') + it.key() + QStringLiteral("': ") + formatNumber(it.value());
    }
    text += QLatin1Char('}');
    return text;
}

bool LogReporter::write(const Snapshot &snapshot, QString *error)
{
    Q_UNUSED(error);
    const QLoggingCategory &category = d->category;
    if (!category.isInfoEnabled())
        return true;
    // Rows are sorted by name already (Snapshot's invariant), in QString order, which is the
    // plain string order of PyCounters 0.6 for the names counters use.
    for (const CounterRow &row : snapshot.rows()) {
        if (isReservedName(row.name))
            continue;
        qCInfo(category, "%ls %ls", qUtf16Printable(row.name), qUtf16Printable(formatValue(row)));
    }
    return true;
}

} // namespace counters
