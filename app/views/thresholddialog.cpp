// SPDX-License-Identifier: MIT
#include "thresholddialog.h"

#include "models/valueformat.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>
#include <optional>

namespace dashboard {

namespace {

QString levelText(double value)
{
    return std::isnan(value) ? QString() : QLocale().toString(value, 'g', 12);
}

} // namespace

std::optional<double> ThresholdDialog::parseLevel(const QString &text) const
{
    if (text.trimmed().isEmpty())
        return std::numeric_limits<double>::quiet_NaN();
    return ValueFormat::parse(text, m_unit, m_prefix);
}

ThresholdDialog::ThresholdDialog(const QString &counter, counters::Unit valueUnit,
                                 const Threshold &threshold, double magnitude, QWidget *parent)
    : QDialog(parent),
      m_warning(new QLineEdit(this)),
      m_critical(new QLineEdit(this)),
      m_error(new QLabel(this)),
      m_unit(valueUnit),
      m_prefix(ValueFormat::prefix(valueUnit, magnitude))
{
    setWindowTitle(tr("Thresholds of %1").arg(counter));
    // Levels in the unit the values are shown in (20 ms, not 0.02 s); another symbol typed
    // after a number is taken too.
    const QString unit = valueUnit == counters::Unit::PerSecond && m_prefix.factor == 1
        ? tr("per second")
        : m_prefix.symbol;
    auto *intro = new QLabel(
        tr("Lines on the charts and a mark in the table when the value reaches a level. "
           "Leave a level empty for none. A critical level below the warning level means "
           "that low values are the bad ones."),
        this);
    intro->setWordWrap(true);
    m_shown = threshold;
    m_warning->setText(levelText(threshold.warning * m_prefix.factor));
    m_critical->setText(levelText(threshold.critical * m_prefix.factor));
    m_warning->setPlaceholderText(tr("none"));
    m_critical->setPlaceholderText(tr("none"));
    auto *form = new QFormLayout();
    form->addRow(unit.isEmpty() ? tr("&Warning:") : tr("&Warning (%1):").arg(unit), m_warning);
    form->addRow(unit.isEmpty() ? tr("&Critical:") : tr("&Critical (%1):").arg(unit), m_critical);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, ThresholdSet::color(ThresholdState::Critical));
    m_error->setPalette(errorPalette);
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Reset, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    buttons->button(QDialogButtonBox::Reset)->setText(tr("Remove"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this, [this] {
        m_warning->clear();
        m_critical->clear();
    });
    connect(m_warning, &QLineEdit::textChanged, this, &ThresholdDialog::validate);
    connect(m_critical, &QLineEdit::textChanged, this, &ThresholdDialog::validate);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    validate();
}

ThresholdDialog::~ThresholdDialog() = default;

Threshold ThresholdDialog::threshold() const
{
    Threshold threshold;
    // A level left as shown is the level it was (text and back may round it).
    const auto level = [this](const QLineEdit *field, double shown, double fallback) {
        if (field->text() == levelText(shown * m_prefix.factor))
            return shown;
        return parseLevel(field->text()).value_or(fallback);
    };
    threshold.warning = level(m_warning, m_shown.warning, threshold.warning);
    threshold.critical = level(m_critical, m_shown.critical, threshold.critical);
    return threshold;
}

void ThresholdDialog::validate()
{
    const bool ok = parseLevel(m_warning->text()) && parseLevel(m_critical->text());
    m_error->setText(ok ? QString() : tr("A level must be a number, optionally with a unit."));
    m_ok->setEnabled(ok);
}

bool ThresholdDialog::edit(QWidget *parent, ThresholdSet *thresholds, const QString &counter,
                           counters::Unit unit, double magnitude)
{
    ThresholdDialog dialog(counter, unit, thresholds->threshold(counter), magnitude, parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    thresholds->setThreshold(counter, dialog.threshold());
    return true;
}

} // namespace dashboard
