// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

QT_BEGIN_NAMESPACE
class QDateTimeEdit;
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace dashboard {

/**
 * Asks for an absolute time window to show, from and to, in local time to the second (the
 * presets of the range box only reach back from now). OK stays disabled, with the reason,
 * while the end is not after the start.
 *
 * Not thread-safe (GUI thread).
 */
class TimeRangeDialog : public QDialog
{
    Q_OBJECT
public:
    /// Starts with [fromMs, toMs] (epoch milliseconds), what the charts show now.
    TimeRangeDialog(double fromMs, double toMs, QWidget *parent = nullptr);
    ~TimeRangeDialog() override;

    /// The window chosen, epoch milliseconds.
    double fromMs() const;
    double toMs() const;

    /// The fields, for tests.
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }
    QPushButton *okButton() const { return m_ok; }

private:
    void validate();

    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLabel *m_problem;
    QPushButton *m_ok = nullptr;
};

} // namespace dashboard
