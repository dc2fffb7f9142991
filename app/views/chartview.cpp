// SPDX-License-Identifier: MIT
#include "chartview.h"

#include "timeaxispolicy.h"

#include <QAbstractAxis>
#include <QChart>
#include <QDateTime>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace dashboard {

ChartView::ChartView(QChart *chart, QWidget *parent) : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFrameShape(QFrame::NoFrame);
    setMinimumHeight(140);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    // The overlay changes with the mouse, the chart does not: repaint the viewport as a whole
    // rather than let the scene track what the foreground covered.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
}

ChartView::~ChartView() = default;

void ChartView::setPlaceholder(QLabel *label)
{
    m_placeholder = label;
    m_placeholder->setParent(viewport());
    m_placeholder->setGeometry(viewport()->rect());
}

void ChartView::setThresholdLines(const QList<ThresholdLine> &lines)
{
    if (lines == m_thresholds)
        return;
    m_thresholds = lines;
    viewport()->update();
}

void ChartView::setCrosshairTime(double timeMs)
{
    if (timeMs == m_crosshairTime || (std::isnan(timeMs) && std::isnan(m_crosshairTime)))
        return;
    m_crosshairTime = timeMs;
    viewport()->update();
}

void ChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    if (m_placeholder)
        m_placeholder->setGeometry(viewport()->rect());
    Q_EMIT resized();
}

void ChartView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QChartView::wheelEvent(event);
        return;
    }
    // Zoom along time around the pointer.
    const QRectF area = chart()->plotArea();
    const double factor = std::pow(0.8, steps);
    const double x = std::clamp(event->position().x(), area.left(), area.right());
    QRectF zoomed = area;
    zoomed.setLeft(x - (x - area.left()) * factor);
    zoomed.setRight(x + (area.right() - x) * factor);
    chart()->zoomIn(zoomed);
    Q_EMIT userZoomed();
    event->accept();
}

void ChartView::mousePressEvent(QMouseEvent *event)
{
    Q_EMIT pressed();
    const bool pan = event->button() == Qt::MiddleButton
        || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    if (pan) {
        m_panning = true;
        m_panFrom = event->position();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const double dx = event->position().x() - m_panFrom.x();
        m_panFrom = event->position();
        if (dx != 0) {
            chart()->scroll(-dx, 0);
            Q_EMIT userZoomed();
        }
        event->accept();
    } else {
        QChartView::mouseMoveEvent(event);
    }
    const QPointF position = event->position();
    const double time = chart()->plotArea().contains(position)
        ? chart()->mapToValue(position).x()
        : std::numeric_limits<double>::quiet_NaN();
    setCrosshairTime(time);
    Q_EMIT crosshairMoved(time);
}

void ChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        event->accept(); // the chart's menu, not QChartView's zoom out
        return;
    }
    const bool zooming = event->button() == Qt::LeftButton && rubberBand() != NoRubberBand;
    QChartView::mouseReleaseEvent(event);
    if (zooming)
        Q_EMIT userZoomed();
}

void ChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    Q_EMIT resetRequested();
    event->accept();
}

void ChartView::keyPressEvent(QKeyEvent *event)
{
    // Pan along time with the arrow keys, a tenth of the view at a time.
    const double step = chart()->plotArea().width() / 10;
    switch (event->key()) {
    case Qt::Key_Left:
        chart()->scroll(-step, 0);
        break;
    case Qt::Key_Right:
        chart()->scroll(step, 0);
        break;
    case Qt::Key_Plus:
        chart()->zoom(1.25);
        break;
    case Qt::Key_Minus:
        chart()->zoom(0.8);
        break;
    case Qt::Key_Home:
        Q_EMIT resetRequested();
        return;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    Q_EMIT userZoomed();
}

void ChartView::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    setCrosshairTime(std::numeric_limits<double>::quiet_NaN());
    Q_EMIT crosshairMoved(std::numeric_limits<double>::quiet_NaN());
}

void ChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    painter->save();
    drawTimeTicks(painter);
    painter->setRenderHint(QPainter::Antialiasing);
    drawThresholds(painter);
    drawCrosshair(painter);
    painter->restore();
}

void ChartView::setTimeTicks(const QList<TimeTick> &ticks)
{
    if (ticks == m_timeTicks)
        return;
    m_timeTicks = ticks;
    viewport()->update();
}

void ChartView::drawTimeTicks(QPainter *painter)
{
    const QRectF area = chart()->plotArea();
    const QList<QAbstractAxis *> valueAxes = chart()->axes(Qt::Vertical);
    if (m_timeTicks.isEmpty() || area.isEmpty() || valueAxes.isEmpty())
        return;
    QAbstractAxis *valueAxis = valueAxes.constFirst();
    const QFontMetricsF metrics(valueAxis->labelsFont());
    painter->setFont(valueAxis->labelsFont());
    double lastRight = -std::numeric_limits<double>::infinity();
    for (const TimeTick &tick : std::as_const(m_timeTicks)) {
        // (Any value maps the time: 1, which a logarithmic axis has a place for too.)
        const double x = chart()->mapToPosition(QPointF(tick.time, 1)).x();
        if (x < area.left() - 0.5 || x > area.right() + 0.5)
            continue;
        painter->setPen(QPen(valueAxis->gridLineColor(), 1));
        painter->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
        painter->setPen(QPen(valueAxis->linePenColor(), 1));
        painter->drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 4));
        // The label centred under its tick, kept within the view, never over another.
        const double width = metrics.horizontalAdvance(tick.label);
        const double left =
            std::clamp(x - width / 2, 0.0, std::max(0.0, double(viewport()->width()) - width));
        if (left < lastRight + 4)
            continue;
        lastRight = left + width;
        painter->setPen(valueAxis->labelsColor());
        painter->drawText(QRectF(left, area.bottom() + 5, width, metrics.height()), Qt::AlignCenter,
                          tick.label);
    }
}

void ChartView::drawThresholds(QPainter *painter)
{
    const QRectF area = chart()->plotArea();
    if (m_thresholds.isEmpty() || area.isEmpty())
        return;
    QFont font = painter->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    QColor labelBackground = palette().color(QPalette::Base);
    labelBackground.setAlphaF(0.8f);
    QList<QRectF> placed;
    for (const ThresholdLine &line : std::as_const(m_thresholds)) {
        const double y = chart()->mapToPosition(QPointF(0, line.value)).y();
        if (y < area.top() - 0.5 || y > area.bottom() + 0.5)
            continue;
        QPen pen(line.color);
        pen.setWidthF(1.4);
        pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->drawLine(QPointF(area.left(), y), QPointF(area.right(), y));

        // The label at the right end, above the line (below it at the top of the plot), and
        // left of any label it would cover.
        const double width = metrics.horizontalAdvance(line.label) + 6;
        QRectF label(area.right() - width - 2, y - metrics.height() - 1, width, metrics.height());
        if (label.top() < area.top())
            label.moveTop(y + 1);
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF &other : std::as_const(placed)) {
                if (label.intersects(other)) {
                    label.moveRight(other.left() - 6);
                    moved = true;
                }
            }
        }
        placed.append(label);
        painter->fillRect(label, labelBackground);
        painter->drawText(label, Qt::AlignCenter, line.label);
    }
}

QString ChartView::crosshairTimeText(double timeMs, double spanMs, const QLocale &locale)
{
    QString text = TimeAxisPolicy::tickLabel(timeMs, 1000, 0, locale);
    // Over more than a day, which day too.
    if (spanMs > 86400e3)
        text.prepend(TimeAxisPolicy::tickLabel(timeMs, 86400e3, spanMs, locale) + QLatin1Char(' '));
    return text;
}

QList<CrosshairValue> ChartView::capped(const QList<CrosshairValue> &values, int rows)
{
    rows = std::max(rows, 1);
    if (values.size() <= rows)
        return values;
    QList<CrosshairValue> shown = values.mid(0, rows - 1);
    shown.append({tr("+%n more", nullptr, int(values.size() - shown.size())), QColor()});
    return shown;
}

void ChartView::drawCrosshair(QPainter *painter)
{
    const QRectF area = chart()->plotArea();
    if (!hasCrosshair() || area.isEmpty())
        return;
    // (Any value maps the time: 1, which a logarithmic axis has a place for too.)
    const double x = chart()->mapToPosition(QPointF(m_crosshairTime, 1)).x();
    if (x < area.left() || x > area.right())
        return;
    const QPalette p = palette();
    QColor lineColor = p.color(QPalette::Text);
    lineColor.setAlphaF(0.55f);
    painter->setPen(QPen(lineColor, 1));
    painter->drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));

    QList<CrosshairValue> values;
    if (m_provider)
        values = m_provider(m_crosshairTime);
    // The time to the second (and the day over days), in the locale's formats.
    const QString time = crosshairTimeText(m_crosshairTime,
                                           chart()->mapToValue(area.topRight()).x()
                                               - chart()->mapToValue(area.topLeft()).x());
    QFont font = painter->font();
    font.setPointSizeF(font.pointSizeF() * 0.88);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    const double line = metrics.height();
    const double swatch = line * 0.6;
    const double padding = 5;
    // As many rows as the plot's height holds, the time's included.
    values = capped(values, int((area.height() - 8 - 2 * padding) / line) - 1);
    double width = metrics.horizontalAdvance(time);
    for (const CrosshairValue &value : std::as_const(values))
        width = std::max(width, swatch + 6 + metrics.horizontalAdvance(value.text));
    QRectF box(0, area.top() + 4, width + 2 * padding, line * (1 + values.size()) + 2 * padding);
    // Beside the line, on the side with room.
    box.moveLeft(x + 8 + box.width() <= area.right() ? x + 8 : x - 8 - box.width());
    QColor background = p.color(QPalette::ToolTipBase);
    background.setAlphaF(0.92f);
    painter->setPen(QPen(lineColor, 0.8));
    painter->setBrush(background);
    painter->drawRoundedRect(box, 3, 3);
    painter->setPen(p.color(QPalette::ToolTipText));
    double y = box.top() + padding;
    painter->drawText(QRectF(box.left() + padding, y, width, line),
                      Qt::AlignLeft | Qt::AlignVCenter, time);
    for (const CrosshairValue &value : std::as_const(values)) {
        y += line;
        painter->setPen(Qt::NoPen);
        painter->setBrush(value.color);
        if (value.color.isValid()) // ("+N more" has none)
            painter->drawEllipse(
                QRectF(box.left() + padding, y + (line - swatch) / 2, swatch, swatch));
        painter->setPen(p.color(QPalette::ToolTipText));
        painter->drawText(QRectF(box.left() + padding + swatch + 6, y, width, line),
                          Qt::AlignLeft | Qt::AlignVCenter, value.text);
    }
}

} // namespace dashboard
