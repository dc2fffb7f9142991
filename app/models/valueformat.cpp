// SPDX-License-Identifier: MIT
#include "valueformat.h"

#include <cmath>

namespace dashboard {

QString ValueFormat::number(double value, const QLocale &locale)
{
    if (std::isnan(value))
        return QString();
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    if (value == 0)
        return locale.toString(0);
    const double magnitude = std::abs(value);
    if (magnitude < 1e15 && value == std::floor(value))
        return locale.toString(qint64(value));
    if (magnitude >= 1e15 || magnitude < 1e-4)
        return locale.toString(value, 'g', 3);
    // Four significant digits, never fewer than none after the separator.
    const int digitsBefore = int(std::floor(std::log10(magnitude))) + 1;
    const int decimals = std::max(0, 4 - digitsBefore);
    QString text = locale.toString(value, 'f', decimals);
    if (decimals > 0) {
        // Trailing zeros carry no information here: 12.50 → 12.5.
        const QString zero = locale.zeroDigit();
        const QString point = locale.decimalPoint();
        while (text.endsWith(zero))
            text.chop(zero.size());
        if (text.endsWith(point))
            text.chop(point.size());
    }
    return text;
}

QString ValueFormat::duration(double seconds, const QLocale &locale)
{
    const double magnitude = std::abs(seconds);
    if (magnitude == 0 || std::isnan(seconds))
        return number(seconds, locale) + QStringLiteral(" s");
    if (magnitude < 1e-6)
        return number(seconds * 1e9, locale) + QStringLiteral(" ns");
    if (magnitude < 1e-3)
        return number(seconds * 1e6, locale) + QStringLiteral(" µs");
    if (magnitude < 1)
        return number(seconds * 1e3, locale) + QStringLiteral(" ms");
    return number(seconds, locale) + QStringLiteral(" s");
}

QString ValueFormat::bytes(double bytes, const QLocale &locale)
{
    // A unit is taken once the value would round to 1,024 of the smaller one (four digits).
    constexpr double kNext = 1023.5;
    const double magnitude = std::abs(bytes);
    if (!(magnitude >= kNext))
        return number(bytes, locale) + QStringLiteral(" B");
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double scaled = bytes / 1024;
    std::size_t i = 0;
    while (std::abs(scaled) >= kNext && i + 1 < std::size(units)) {
        scaled /= 1024;
        ++i;
    }
    return number(scaled, locale) + QLatin1Char(' ') + QLatin1String(units[i]);
}

QString ValueFormat::value(std::optional<double> value, counters::Unit unit, const QLocale &locale)
{
    if (!value)
        return QStringLiteral("—");
    switch (unit) {
    case counters::Unit::Second:
        return duration(*value, locale);
    case counters::Unit::PerSecond:
        return number(*value, locale) + QStringLiteral("/s");
    case counters::Unit::Byte:
        return bytes(*value, locale);
    case counters::Unit::None:
        break;
    }
    return number(*value, locale);
}

QString ValueFormat::window(double seconds, const QLocale &locale)
{
    if (!(seconds > 0))
        return QString();
    if (seconds >= 86400 && std::fmod(seconds, 86400) == 0)
        return tr("%1 d").arg(number(seconds / 86400, locale));
    if (seconds >= 3600 && std::fmod(seconds, 3600) == 0)
        return tr("%1 h").arg(number(seconds / 3600, locale));
    if (seconds >= 120 && std::fmod(seconds, 60) == 0)
        return tr("%1 min").arg(number(seconds / 60, locale));
    return tr("%1 s").arg(number(seconds, locale));
}

QString ValueFormat::age(double seconds, const QLocale &locale)
{
    if (!(seconds >= 0))
        return QString();
    if (seconds < 1)
        return tr("now");
    if (seconds < 120)
        return tr("%1 s").arg(locale.toString(qint64(seconds)));
    if (seconds < 7200)
        return tr("%1 min").arg(locale.toString(qint64(seconds / 60)));
    if (seconds < 172800)
        return tr("%1 h").arg(locale.toString(qint64(seconds / 3600)));
    return tr("%1 d").arg(locale.toString(qint64(seconds / 86400)));
}

QString ValueFormat::nodeName(const QString &nodeId)
{
    // host_pid_seq_time: the host may hold underscores itself, the three numbers do not.
    const QStringList parts = nodeId.split(QLatin1Char('_'));
    if (parts.size() < 4)
        return nodeId;
    bool numbers = true;
    for (qsizetype i = parts.size() - 3; i < parts.size(); ++i) {
        bool ok = false;
        parts.at(i).toDouble(&ok);
        numbers &= ok;
    }
    if (!numbers)
        return nodeId;
    return parts.mid(0, parts.size() - 3).join(QLatin1Char('_')) + QLatin1Char(':')
        + parts.at(parts.size() - 3);
}

QString ValueFormat::typeName(counters::CounterType type)
{
    using counters::CounterType;
    switch (type) {
    case CounterType::Event:
        return tr("Event");
    case CounterType::Total:
        return tr("Total");
    case CounterType::AverageWindow:
        return tr("Average");
    case CounterType::AverageTime:
        return tr("Average time");
    case CounterType::Frequency:
        return tr("Frequency");
    case CounterType::Window:
        return tr("Window sum");
    case CounterType::MaxWindow:
        return tr("Window max");
    case CounterType::MinWindow:
        return tr("Window min");
    case CounterType::PercentileWindow:
        return tr("Percentiles");
    case CounterType::Unknown:
        break;
    }
    return tr("Untyped");
}

} // namespace dashboard
