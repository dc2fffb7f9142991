// SPDX-License-Identifier: MIT
#include "timeaxispolicy.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace dashboard {

namespace {

constexpr double kDay = 86400e3;

/// The local time zone's offset at `msecs`, so that hours and days snap in local time.
double localOffsetMs(double msecs)
{
    return double(QDateTime::fromMSecsSinceEpoch(qint64(msecs)).offsetFromUtc()) * 1000.0;
}

/// `format` (a locale's short time format) with seconds after its minutes, where it has none.
QString withSeconds(QString format)
{
    if (format.contains(QLatin1Char('s')))
        return format;
    const qsizetype minutes = format.indexOf(QLatin1String("mm"));
    if (minutes < 0)
        return format;
    return format.insert(minutes + 2, QLatin1String(":ss"));
}

/// `format` (a locale's short date format) without its year (and quoted literals): a tick
/// names a day. "dd.MM.yy" → "dd.MM.", "M/d/yy" → "M/d", "yyyy-MM-dd" → "MM-dd",
/// "dd. MM. yyyy." → "dd. MM.".
QString withoutYear(QString format)
{
    static const QRegularExpression quoted(QStringLiteral("'[^']*'"));
    static const QRegularExpression year(QStringLiteral("y+\\.?"));
    format.remove(quoted);
    format.remove(year);
    const auto separator = [](QChar c) { return !c.isLetter() && c != QLatin1Char('.'); };
    while (!format.isEmpty() && separator(format.back()))
        format.chop(1);
    while (!format.isEmpty() && !format.front().isLetter())
        format.remove(0, 1);
    return format;
}

} // namespace

double TimeAxisPolicy::niceStep(double raw)
{
    static const double steps[] = {100,     200,     500,     1e3,      2e3,     5e3,
                                   10e3,    15e3,    30e3,    60e3,     120e3,   300e3,
                                   600e3,   900e3,   1800e3,  3600e3,   7200e3,  10800e3,
                                   21600e3, 43200e3, 86400e3, 172800e3, 604800e3};
    for (const double step : steps) {
        if (step >= raw)
            return step;
    }
    return std::ceil(raw / 604800e3) * 604800e3;
}

TimeAxisPolicy::Span TimeAxisPolicy::followed(double first, double last, double window)
{
    Span span{window > 0 ? std::max(first, last - window) : first, last};
    if (span.to == span.from) {
        // One report: in the middle, with a minute around it.
        span.from -= 30000;
        span.to += 30000;
        return span;
    }
    const double margin = (span.to - span.from) * MarginShare;
    span.from -= margin;
    span.to += margin;
    return span;
}

QList<double> TimeAxisPolicy::ticks(double from, double to, int maxTicks, double *step)
{
    QList<double> ticks;
    if (!(to > from))
        return ticks;
    maxTicks = std::max(maxTicks, 2);
    double size = niceStep((to - from) / maxTicks);
    for (;;) {
        ticks.clear();
        // Multiples of the step in local wall-clock time, each turned back into a time with
        // the offset in force then: across a change of summer time, day ticks stay at local
        // midnight and hour ticks on whole local hours.
        const double fromOffset = localOffsetMs(from);
        const double localTo = to + localOffsetMs(to);
        for (double local = std::ceil((from + fromOffset) / size) * size; local <= localTo;
             local += size) {
            double tick = local - localOffsetMs(local - fromOffset);
            tick = local - localOffsetMs(tick);
            if (tick >= from && tick <= to && (ticks.isEmpty() || tick > ticks.constLast()))
                ticks.append(tick);
        }
        if (ticks.size() <= maxTicks)
            break;
        size = niceStep(size * 1.0001);
    }
    if (step)
        *step = size;
    return ticks;
}

QString TimeAxisPolicy::tickLabel(double time, double step, double span, const QLocale &locale)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(time));
    const QString date =
        locale.toString(at.date(), withoutYear(locale.dateFormat(QLocale::ShortFormat)));
    if (step >= kDay)
        return date;
    if (span > kDay && at.time() == QTime(0, 0))
        return date;
    const QString format = locale.timeFormat(QLocale::ShortFormat);
    if (step < 1e3)
        return locale.toString(at.time(), withSeconds(format) + QStringLiteral(".zzz"));
    return locale.toString(at.time(), step < 60e3 ? withSeconds(format) : format);
}

} // namespace dashboard
