// SPDX-License-Identifier: MIT
#pragma once

#include "models/thresholdset.h"

#include <counters/base/unit.h>

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QPushButton;
QT_END_NAMESPACE

namespace dashboard {

/**
 * Asks for the warning and critical levels of one counter (empty: none), in the counter's
 * unit (seconds for durations). Numbers are read in the user's locale or in C notation.
 *
 * Not thread-safe (GUI thread).
 */
class ThresholdDialog : public QDialog
{
    Q_OBJECT
public:
    ThresholdDialog(const QString &counter, counters::Unit unit, const Threshold &threshold,
                    QWidget *parent = nullptr);
    ~ThresholdDialog() override;

    /// The levels entered; valid once the dialog was accepted.
    Threshold threshold() const;

    /// Shows the dialog for `counter` and stores the result in `thresholds`; false when
    /// cancelled.
    static bool edit(QWidget *parent, ThresholdSet *thresholds, const QString &counter,
                     counters::Unit unit);

private:
    void validate();

    QLineEdit *m_warning;
    QLineEdit *m_critical;
    QLabel *m_error;
    QPushButton *m_ok = nullptr;
};

} // namespace dashboard
