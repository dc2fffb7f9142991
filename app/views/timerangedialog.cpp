// SPDX-License-Identifier: MIT
#include "timerangedialog.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace dashboard {

namespace {

QDateTimeEdit *timeEdit(double ms, QWidget *parent)
{
    auto *edit = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(qint64(ms)), parent);
    // The locale's date, and the time to the second: a window of a few seconds is a zoom
    // an operator may want to type.
    edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat)
                           + QStringLiteral(" HH:mm:ss"));
    edit->setCalendarPopup(true);
    return edit;
}

} // namespace

TimeRangeDialog::TimeRangeDialog(double fromMs, double toMs, QWidget *parent)
    : QDialog(parent), m_from(timeEdit(fromMs, this)), m_to(timeEdit(toMs, this))
{
    setWindowTitle(tr("Time Window"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 55);
    auto *form = new QFormLayout;
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&To:"), m_to);
    m_problem = new QLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #d93f3f"));
    m_problem->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(
        tr("Every chart shows this window, paused. Back (%1) returns to what they showed "
           "before.")
            .arg(QKeySequence(QKeySequence::Back).toString(QKeySequence::NativeText)),
        this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &TimeRangeDialog::validate);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &TimeRangeDialog::validate);
    validate();
}

TimeRangeDialog::~TimeRangeDialog() = default;

double TimeRangeDialog::fromMs() const
{
    return double(m_from->dateTime().toMSecsSinceEpoch());
}

double TimeRangeDialog::toMs() const
{
    return double(m_to->dateTime().toMSecsSinceEpoch());
}

void TimeRangeDialog::validate()
{
    const bool ok = toMs() > fromMs();
    m_ok->setEnabled(ok);
    m_problem->setText(ok ? QString() : tr("The end must come after the start."));
    m_problem->setVisible(!ok);
}

} // namespace dashboard
