// SPDX-License-Identifier: MIT
#pragma once

#include "chartoverlay.h"

#include <QChartView>
#include <QList>
#include <QLocale>

#include <functional>
#include <limits>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace dashboard {

/**
 * The view of one ChartPanel's chart and what is drawn over it: threshold lines, and a
 * crosshair (a vertical line at a time with the values of the series there) that follows the
 * mouse or, set from outside, another chart's mouse.
 *
 * Mouse and keys: drag a time span to zoom into it, the wheel zooms around the pointer,
 * Shift-drag or the middle button pans, the arrow keys pan and +/− zoom; each of those emits
 * userZoomed(). A double-click or Home emits resetRequested() (back to live).
 *
 * Not thread-safe (GUI thread).
 */
class ChartView : public QChartView
{
    Q_OBJECT
public:
    /// Gives the crosshair's lines for a time (epoch milliseconds).
    using CrosshairProvider = std::function<QList<CrosshairValue>(double timeMs)>;

    ChartView(QChart *chart, QWidget *parent = nullptr);
    ~ChartView() override;

    /// A label shown over the chart while it is empty, kept the size of the view.
    void setPlaceholder(QLabel *label);

    /// The time axis' ticks: Qt Charts' QDateTimeAxis spaces its ticks evenly from its minimum,
    /// which leaves them on odd times unless the range is snapped to round ones (and then runs
    /// past the data). The view draws them instead, in the value axis' grid and label colours.
    void setTimeTicks(const QList<TimeTick> &ticks);
    QList<TimeTick> timeTicks() const { return m_timeTicks; }

    void setThresholdLines(const QList<ThresholdLine> &lines);
    QList<ThresholdLine> thresholdLines() const { return m_thresholds; }

    void setCrosshairProvider(CrosshairProvider provider) { m_provider = std::move(provider); }
    /// `values` in at most `rows` rows (at least one): when they do not fit, the last row says
    /// how many more there are ("+N more"), so that the box stays within the plot.
    static QList<CrosshairValue> capped(const QList<CrosshairValue> &values, int rows);
    /// The time the crosshair's box names for `timeMs` when the plot spans `spanMs`: to the
    /// second, with the day over more than a day.
    static QString crosshairTimeText(double timeMs, double spanMs,
                                     const QLocale &locale = QLocale());
    /// Shows the crosshair at `timeMs` (epoch milliseconds); NaN hides it.
    void setCrosshairTime(double timeMs);
    double crosshairTime() const { return m_crosshairTime; }
    bool hasCrosshair() const { return !std::isnan(m_crosshairTime); }

Q_SIGNALS:
    void userZoomed();
    void resetRequested();
    void pressed();
    void resized();
    /// The mouse moved over the plot to `timeMs`, or left it (NaN).
    void crosshairMoved(double timeMs);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    void drawTimeTicks(QPainter *painter);
    void drawThresholds(QPainter *painter);
    void drawCrosshair(QPainter *painter);

    QLabel *m_placeholder = nullptr;
    QList<ThresholdLine> m_thresholds;
    QList<TimeTick> m_timeTicks;
    CrosshairProvider m_provider;
    double m_crosshairTime = std::numeric_limits<double>::quiet_NaN();
    bool m_panning = false;
    QPointF m_panFrom;
};

} // namespace dashboard
