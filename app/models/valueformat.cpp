// SPDX-License-Identifier: MIT
#include "valueformat.h"

#include <QHash>

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

ValueFormat::Prefix ValueFormat::prefix(counters::Unit unit, double magnitude)
{
    // A larger unit is taken once the value would print as 1,000 (1,024) of the smaller one
    // with number()'s four significant digits.
    magnitude = std::abs(magnitude);
    // Counts and rates from a million on: SI prefixes (1.5 M, 2 G/s), so that a number keeps
    // its magnitude in a narrow column and on an axis.
    const auto large = [magnitude]() -> Prefix {
        static const char *const symbols[] = {"M", "G", "T", "P"};
        double factor = 1e-6;
        std::size_t i = 0;
        while (magnitude * factor >= 999.95 && i + 1 < std::size(symbols)) {
            factor /= 1000;
            ++i;
        }
        return {factor, QLatin1String(symbols[i])};
    };
    switch (unit) {
    case counters::Unit::None:
        if (magnitude >= 999999.5)
            return large();
        break;
    case counters::Unit::PerSecond:
        if (magnitude >= 999999.5) {
            Prefix prefix = large();
            prefix.symbol += QStringLiteral("/s");
            return prefix;
        }
        return {1, QStringLiteral("/s")};
    case counters::Unit::Second:
        if (!(magnitude > 0) || magnitude >= 0.99995)
            return {1, QStringLiteral("s")};
        if (magnitude >= 0.99995e-3)
            return {1e3, QStringLiteral("ms")};
        if (magnitude >= 0.99995e-6)
            return {1e6, QStringLiteral("µs")};
        return {1e9, QStringLiteral("ns")};
    case counters::Unit::Byte: {
        static const char *const symbols[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double factor = 1;
        std::size_t i = 0;
        while (magnitude * factor >= 1023.5 && i + 1 < std::size(symbols)) {
            factor /= 1024;
            ++i;
        }
        return {factor, QLatin1String(symbols[i])};
    }
    }
    return {};
}

QString ValueFormat::value(std::optional<double> value, counters::Unit unit, const QLocale &locale)
{
    if (!value)
        return QStringLiteral("—");
    const Prefix prefix = ValueFormat::prefix(unit, *value);
    if (prefix.symbol.isEmpty())
        return number(*value, locale);
    if (unit == counters::Unit::PerSecond && prefix.factor == 1)
        return number(*value, locale) + prefix.symbol; // 3.5/s
    return number(*value * prefix.factor, locale) + QLatin1Char(' ') + prefix.symbol;
}

std::optional<double> ValueFormat::parse(const QString &text, counters::Unit unit,
                                         const Prefix &prefix, const QLocale &locale)
{
    QString rest = text.trimmed();
    // The Greek mu of some keyboards for the micro sign.
    rest.replace(QChar(0x3bc), QChar(0xb5));
    bool perSecond = false;
    if (unit == counters::Unit::PerSecond && rest.endsWith(QLatin1String("/s"))) {
        rest.chop(2);
        perSecond = true;
    }
    // The symbol: the letters at the end.
    qsizetype split = rest.size();
    while (split > 0 && rest.at(split - 1).isLetter())
        --split;
    const QString symbol = rest.mid(split);
    const QString number = rest.left(split).trimmed();
    if (number.isEmpty())
        return std::nullopt;
    // The value is shown times this; "3.5/s" is 3.5 a second whatever the dialog shows.
    double factor = perSecond && symbol.isEmpty() ? 1 : prefix.factor;
    if (!symbol.isEmpty()) {
        static const QHash<QString, double> seconds = {
            {QStringLiteral("s"), 1},         {QStringLiteral("ms"), 1e3},
            {QStringLiteral("µs"), 1e6},      {QStringLiteral("us"), 1e6},
            {QStringLiteral("ns"), 1e9},      {QStringLiteral("min"), 1.0 / 60},
            {QStringLiteral("h"), 1.0 / 3600}};
        static const QHash<QString, double> bytes = {
            {QStringLiteral("B"), 1},
            {QStringLiteral("KiB"), 1.0 / 1024},
            {QStringLiteral("MiB"), 1.0 / (1024.0 * 1024)},
            {QStringLiteral("GiB"), 1.0 / (1024.0 * 1024 * 1024)},
            {QStringLiteral("TiB"), 1.0 / (1024.0 * 1024 * 1024 * 1024)},
            {QStringLiteral("PiB"), 1.0 / (1024.0 * 1024 * 1024 * 1024 * 1024)},
            {QStringLiteral("kB"), 1e-3},
            {QStringLiteral("MB"), 1e-6},
            {QStringLiteral("GB"), 1e-9},
            {QStringLiteral("TB"), 1e-12},
            {QStringLiteral("PB"), 1e-15}};
        static const QHash<QString, double> counts = {{QStringLiteral("k"), 1e-3},
                                                      {QStringLiteral("M"), 1e-6},
                                                      {QStringLiteral("G"), 1e-9},
                                                      {QStringLiteral("T"), 1e-12},
                                                      {QStringLiteral("P"), 1e-15}};
        const QHash<QString, double> &symbols = unit == counters::Unit::Second ? seconds
            : unit == counters::Unit::Byte                                     ? bytes
                                                                               : counts;
        const auto it = symbols.constFind(symbol);
        if (it == symbols.cend())
            return std::nullopt;
        factor = *it;
    }
    bool ok = false;
    double value = locale.toDouble(number, &ok);
    if (!ok)
        value = QLocale::c().toDouble(number, &ok);
    if (!ok || !std::isfinite(value) || !(factor > 0))
        return std::nullopt;
    // A power of ten is applied in decimal, so that "2.1" ms is the same double as "0.0021" s
    // (2.1 / 1000 is not).
    const double exponent = std::round(std::log10(factor));
    if (std::pow(10.0, exponent) == factor) {
        const double scaled =
            QLocale::c().toDouble(QString::number(value, 'g', QLocale::FloatingPointShortest)
                                      + QLatin1Char('e') + QString::number(-exponent),
                                  &ok);
        if (ok)
            return scaled;
    }
    return value / factor;
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
    case CounterType::Gauge:
        return tr("Gauge");
    case CounterType::Unknown:
        break;
    }
    return tr("Untyped");
}

} // namespace dashboard
