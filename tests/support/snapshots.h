// SPDX-License-Identifier: MIT
#pragma once

#include "rows.h"

#include <counters/base/snapshot.h>

#include <QList>
#include <QString>

#include <optional>

/// Builders of the snapshots the dashboard tests feed to models and peers.
namespace testdata {

/// A row as a live counter of `type` reports it, with a window and an event by default.
inline counters::CounterRow row(const QString &name, counters::CounterType type,
                                std::optional<double> value, double window = 300, quint64 count = 1)
{
    return testsupport::row(name, type, value, window, count);
}

inline counters::CounterRow average(
    const QString &name, double value, double min, double max,
    counters::CounterType type = counters::CounterType::AverageWindow)
{
    counters::CounterRow r = row(name, type, value);
    r.subValues.insert(QStringLiteral("min"), min);
    r.subValues.insert(QStringLiteral("max"), max);
    return r;
}

/// The series `labels` of family `family`: a row named seriesName(family, labels).
inline counters::CounterRow series(const QString &family, const counters::Labels &labels,
                                   counters::CounterType type, std::optional<double> value,
                                   quint64 count = 1)
{
    counters::CounterRow r = row(counters::seriesName(family, labels), type, value, 300, count);
    r.family = family;
    r.labels = labels;
    return r;
}

inline counters::Snapshot snapshot(double time, const QList<counters::CounterRow> &rows,
                                   const QList<counters::Snapshot> &nodes = {})
{
    counters::SnapshotSource source;
    source.service = QStringLiteral("svc");
    source.host = QStringLiteral("host");
    source.pid = 42;
    return counters::Snapshot(time, source, rows, nodes);
}

inline counters::Snapshot node(const QString &id, double time,
                               const QList<counters::CounterRow> &rows, bool stale = false)
{
    counters::SnapshotSource source;
    source.service = QStringLiteral("svc");
    source.node = id;
    source.stale = stale;
    return counters::Snapshot(time, source, rows);
}

/// The tutorial's counters at `time`, with values that grow with `i`.
inline counters::Snapshot tutorial(double time, int i = 0)
{
    using counters::CounterType;
    return snapshot(
        time,
        {
            average(QStringLiteral("requests_time"), 0.010 + i * 0.001, 0.002, 0.040 + i * 0.001,
                    CounterType::AverageTime),
            row(QStringLiteral("requests_frequency"), CounterType::Frequency, 2.5 + i),
            row(QStringLiteral("requests_data_len"), CounterType::Total, 100.0 + i, 0, 10),
            average(QStringLiteral("requests_data_len_avg"), 12 + i, 3, 40),
            row(QStringLiteral("requests_data_len_max"), CounterType::MaxWindow, 40),
            row(QStringLiteral("requests_data_len_min"), CounterType::MinWindow, 3),
        });
}

} // namespace testdata
