// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>

#include <cmath>
#include <limits>

namespace dashboard {

/// How a value stands against its counter's thresholds; ordered from good to bad.
enum class ThresholdState { Normal, Warning, Critical };

/**
 * The warning and critical levels of one counter, in the counter's own unit (seconds for
 * durations). Either may be missing (NaN). Normally a value at or above a level crosses it;
 * when the critical level is below the warning level, lower values are the bad ones (free
 * memory, throughput) and a value at or below a level crosses it. A plain value.
 */
struct Threshold
{
    double warning = std::numeric_limits<double>::quiet_NaN();
    double critical = std::numeric_limits<double>::quiet_NaN();

    bool hasWarning() const { return !std::isnan(warning); }
    bool hasCritical() const { return !std::isnan(critical); }
    bool isEmpty() const { return !hasWarning() && !hasCritical(); }
    /// Whether lower values are worse (critical below warning).
    bool isLowerWorse() const { return hasWarning() && hasCritical() && critical < warning; }
    /// The state of `value` (Normal for NaN).
    ThresholdState stateOf(double value) const;

    friend bool operator==(const Threshold &a, const Threshold &b)
    {
        const auto same = [](double x, double y) {
            return x == y || (std::isnan(x) && std::isnan(y));
        };
        return same(a.warning, b.warning) && same(a.critical, b.critical);
    }
    friend bool operator!=(const Threshold &a, const Threshold &b) { return !(a == b); }
};

/**
 * The thresholds of a dashboard session, by counter name (a counter has the same levels in
 * every source that reports it). The counter table, the sources panel and the charts read it;
 * layouts save and restore it.
 *
 * Not thread-safe (GUI thread).
 */
class ThresholdSet : public QObject
{
    Q_OBJECT
public:
    explicit ThresholdSet(QObject *parent = nullptr);
    ~ThresholdSet() override;

    /// Sets (or, with an empty threshold, removes) the levels of `counter`.
    void setThreshold(const QString &counter, const Threshold &threshold);
    /// The levels of `counter`; empty when it has none.
    Threshold threshold(const QString &counter) const { return m_thresholds.value(counter); }
    /// The levels that apply to `counter`, a series (or sum) of the labelled family `family`
    /// (empty: none): its own, or else its family's, so that levels set on a family's name
    /// cover each of its series.
    Threshold thresholdOf(const QString &counter, const QString &family) const;
    /// The state of `value` against thresholdOf().
    ThresholdState stateOf(const QString &counter, const QString &family, double value) const;
    bool contains(const QString &counter) const { return m_thresholds.contains(counter); }
    ThresholdState stateOf(const QString &counter, double value) const;
    QMap<QString, Threshold> thresholds() const { return m_thresholds; }
    void setThresholds(const QMap<QString, Threshold> &thresholds);
    void clear();

    /// The colour that marks `state` (readable on light and dark backgrounds); invalid for
    /// Normal.
    static QColor color(ThresholdState state);
    /// "Warning", "Critical", translated; empty for Normal.
    static QString stateText(ThresholdState state);

    /// `{"counter": {"warning": w, "critical": c}, …}`; missing levels are left out.
    QJsonObject toJson() const;
    /// The inverse of toJson(); entries that are not objects or hold no number are skipped.
    static QMap<QString, Threshold> fromJson(const QJsonObject &object);

Q_SIGNALS:
    /// The levels of `counters` changed.
    void thresholdsChanged(const QStringList &counters);

private:
    QMap<QString, Threshold> m_thresholds;
};

} // namespace dashboard
