// SPDX-License-Identifier: MIT
#include "thresholdset.h"

#include <QJsonValue>

namespace dashboard {

ThresholdState Threshold::stateOf(double value) const
{
    if (std::isnan(value))
        return ThresholdState::Normal;
    const bool lower = isLowerWorse();
    const auto crosses = [&](double level) {
        return !std::isnan(level) && (lower ? value <= level : value >= level);
    };
    if (crosses(critical))
        return ThresholdState::Critical;
    if (crosses(warning))
        return ThresholdState::Warning;
    return ThresholdState::Normal;
}

ThresholdSet::ThresholdSet(QObject *parent) : QObject(parent) { }

ThresholdSet::~ThresholdSet() = default;

void ThresholdSet::setThreshold(const QString &counter, const Threshold &threshold)
{
    if (threshold.isEmpty()) {
        if (m_thresholds.remove(counter) > 0)
            Q_EMIT thresholdsChanged({counter});
        return;
    }
    const auto it = m_thresholds.constFind(counter);
    if (it != m_thresholds.cend() && *it == threshold)
        return;
    m_thresholds.insert(counter, threshold);
    Q_EMIT thresholdsChanged({counter});
}

Threshold ThresholdSet::thresholdOf(const QString &counter, const QString &family) const
{
    const auto own = m_thresholds.constFind(counter);
    if (own != m_thresholds.cend() || family.isEmpty())
        return own == m_thresholds.cend() ? Threshold() : *own;
    return m_thresholds.value(family);
}

ThresholdState ThresholdSet::stateOf(const QString &counter, const QString &family,
                                     double value) const
{
    return thresholdOf(counter, family).stateOf(value);
}

ThresholdState ThresholdSet::stateOf(const QString &counter, double value) const
{
    const auto it = m_thresholds.constFind(counter);
    return it == m_thresholds.cend() ? ThresholdState::Normal : it->stateOf(value);
}

void ThresholdSet::setThresholds(const QMap<QString, Threshold> &thresholds)
{
    QStringList changed;
    for (auto it = m_thresholds.cbegin(); it != m_thresholds.cend(); ++it) {
        if (thresholds.value(it.key()) != *it)
            changed.append(it.key());
    }
    for (auto it = thresholds.cbegin(); it != thresholds.cend(); ++it) {
        if (!m_thresholds.contains(it.key()) && !it->isEmpty())
            changed.append(it.key());
    }
    m_thresholds.clear();
    for (auto it = thresholds.cbegin(); it != thresholds.cend(); ++it) {
        if (!it->isEmpty())
            m_thresholds.insert(it.key(), *it);
    }
    if (!changed.isEmpty())
        Q_EMIT thresholdsChanged(changed);
}

void ThresholdSet::clear()
{
    setThresholds({});
}

QColor ThresholdSet::color(ThresholdState state)
{
    switch (state) {
    case ThresholdState::Warning:
        return QColor(0xe0, 0x9a, 0x10);
    case ThresholdState::Critical:
        return QColor(0xe0, 0x40, 0x40);
    case ThresholdState::Normal:
        break;
    }
    return QColor();
}

QString ThresholdSet::stateText(ThresholdState state)
{
    switch (state) {
    case ThresholdState::Warning:
        return tr("Warning");
    case ThresholdState::Critical:
        return tr("Critical");
    case ThresholdState::Normal:
        break;
    }
    return QString();
}

QJsonObject ThresholdSet::toJson() const
{
    QJsonObject object;
    for (auto it = m_thresholds.cbegin(); it != m_thresholds.cend(); ++it) {
        QJsonObject levels;
        if (it->hasWarning())
            levels.insert(QStringLiteral("warning"), it->warning);
        if (it->hasCritical())
            levels.insert(QStringLiteral("critical"), it->critical);
        object.insert(it.key(), levels);
    }
    return object;
}

QMap<QString, Threshold> ThresholdSet::fromJson(const QJsonObject &object)
{
    QMap<QString, Threshold> thresholds;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it->isObject())
            continue;
        const QJsonObject levels = it->toObject();
        Threshold threshold;
        if (levels.value(QStringLiteral("warning")).isDouble())
            threshold.warning = levels.value(QStringLiteral("warning")).toDouble();
        if (levels.value(QStringLiteral("critical")).isDouble())
            threshold.critical = levels.value(QStringLiteral("critical")).toDouble();
        if (!threshold.isEmpty())
            thresholds.insert(it.key(), threshold);
    }
    return thresholds;
}

} // namespace dashboard
