// SPDX-License-Identifier: MIT
#pragma once

#include "models/thresholdset.h"
#include "models/valueformat.h"

#include <counters/base/unit.h>

#include <QDialog>

#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace dashboard {

/**
 * Asks for the warning and critical levels of one counter (empty: none), in the unit its
 * values are shown in: milliseconds for durations of a few milliseconds (`magnitude`, the
 * size of its values, chooses as ValueFormat::prefix() does), "M" for millions. A level may
 * name another unit of its own ("1.5 s", "500 µs"). Numbers are read in the user's locale or
 * in C notation.
 *
 * Not thread-safe (GUI thread).
 */
class ThresholdDialog : public QDialog
{
    Q_OBJECT
public:
    ThresholdDialog(const QString &counter, counters::Unit unit, const Threshold &threshold,
                    double magnitude = 0, QWidget *parent = nullptr);
    ~ThresholdDialog() override;

    /// The levels entered; valid once the dialog was accepted.
    Threshold threshold() const;

    /// Shows the dialog for `counter` and stores the result in `thresholds`; false when
    /// cancelled.
    static bool edit(QWidget *parent, ThresholdSet *thresholds, const QString &counter,
                     counters::Unit unit, double magnitude = 0);

private:
    void validate();
    /// The level in `text` in the unit's base; NaN for none, std::nullopt for garbage.
    std::optional<double> parseLevel(const QString &text) const;

    QLineEdit *m_warning;
    QLineEdit *m_critical;
    QLabel *m_error;
    QPushButton *m_ok = nullptr;
    counters::Unit m_unit;
    ValueFormat::Prefix m_prefix;
    Threshold m_shown; ///< The levels the dialog opened with.
};

} // namespace dashboard
