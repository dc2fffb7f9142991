// SPDX-License-Identifier: MIT
#pragma once

#include <counters/counters_core_export.h>

#include <QMap>
#include <QString>
#include <QStringView>

namespace counters {

/**
 * The labels of one series of a counter family: label name → value, sorted by name. Names
 * follow Prometheus' rules (isValidLabelName()); values are any UTF-8 text.
 */
using Labels = QMap<QString, QString>;

/**
 * Whether `name` may name a label: `[a-zA-Z_][a-zA-Z0-9_]*` and not starting with `__` (which
 * Prometheus reserves). False with a sentence in `*error` otherwise.
 */
COUNTERS_CORE_EXPORT bool isValidLabelName(QStringView name, QString *error = nullptr);

/**
 * The name a labelled series goes by in reports: `family{a="x",b="y"}`, Prometheus' notation,
 * with the labels sorted by name and each value escaped as Prometheus escapes it (`\\`, `\"`,
 * `\n`). `family` alone when `labels` is empty. One series, one name: two label sets give two
 * names, so everything keyed by a counter's name (merging, charts, history) keeps them apart.
 */
COUNTERS_CORE_EXPORT QString seriesName(const QString &family, const Labels &labels);

} // namespace counters
