// SPDX-License-Identifier: MIT
#include "chartstack.h"

#include "chartpanel.h"

#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace dashboard {

ChartStack::ChartStack(HistoryStore *history, ThresholdSet *thresholds, QWidget *parent)
    : QWidget(parent),
      m_history(history),
      m_thresholds(thresholds),
      m_splitter(new QSplitter(Qt::Vertical, this))
{
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(6);
    // Many charts scroll rather than grow the window past the screen (or squeeze the table):
    // the charts share the height there is, down to a readable minimum each (their
    // minimumSizeHint(), which the splitter keeps), and scroll below that. The splitter's
    // handles still resize them.
    m_scrollArea = new QScrollArea(this);
    m_scrollArea->setWidgetResizable(true);
    m_scrollArea->setFrameShape(QFrame::NoFrame);
    m_scrollArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scrollArea->setWidget(m_splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scrollArea);
    addChart();
}

ChartStack::~ChartStack() = default;

ChartPanel *ChartStack::addChart()
{
    // A new chart shows the range all others show.
    const int range = m_charts.isEmpty() ? -1 : commonRange();
    auto *chart = new ChartPanel(m_history, m_thresholds, m_splitter);
    chart->setPlaceholderText(m_placeholderText);
    chart->setShowNodes(m_showNodes);
    chart->setPaused(m_paused);
    if (range >= 0)
        chart->setRange(ChartPanel::Range(range));
    if (m_window)
        chart->setTimeWindow(m_window->first, m_window->second);
    connect(chart, &ChartPanel::activated, this, &ChartStack::setCurrentChart);
    connect(chart, &ChartPanel::closeRequested, this, &ChartStack::removeChart);
    connect(chart, &ChartPanel::duplicateRequested, this, &ChartStack::duplicateChart);
    connect(chart, &ChartPanel::seriesChanged, this, &ChartStack::chartsChanged);
    connect(chart, &ChartPanel::userZoomed, this, &ChartStack::onUserZoomed);
    connect(chart, &ChartPanel::liveRequested, this, [this] { setPaused(false); });
    connect(chart, &ChartPanel::crosshairMoved, this, &ChartStack::onCrosshairMoved);
    connect(chart, &ChartPanel::rangeChanged, this, &ChartStack::rangesChanged);
    m_splitter->addWidget(chart);
    m_charts.append(chart);
    // Equal heights for all charts.
    m_splitter->setSizes(QList<int>(m_charts.size(), 1000));
    setCurrentChart(chart);
    Q_EMIT chartsChanged();
    return chart;
}

ChartPanel *ChartStack::duplicateChart(ChartPanel *chart)
{
    if (!m_charts.contains(chart))
        return nullptr;
    ChartPanel *copy = addChart();
    copy->copyFrom(*chart);
    return copy;
}

void ChartStack::removeChart(ChartPanel *chart)
{
    if (!m_charts.contains(chart))
        return;
    if (m_charts.size() == 1) {
        chart->clear();
        return;
    }
    m_charts.removeAll(chart);
    setCurrentChart(m_current == chart ? m_charts.constLast() : m_current);
    chart->hide();
    chart->deleteLater();
    Q_EMIT chartsChanged();
}

void ChartStack::clear()
{
    while (m_charts.size() > 1)
        removeChart(m_charts.constLast());
    m_charts.constFirst()->clear();
}

void ChartStack::setPlaceholderText(const QString &text)
{
    m_placeholderText = text;
    for (ChartPanel *chart : std::as_const(m_charts))
        chart->setPlaceholderText(text);
}

void ChartStack::setCurrentChart(ChartPanel *chart)
{
    if (!m_charts.contains(chart))
        return;
    const bool changed = chart != m_current;
    m_current = chart;
    // The accent only means something when there is a choice.
    for (ChartPanel *panel : std::as_const(m_charts))
        panel->setCurrent(panel == chart && m_charts.size() > 1);
    if (changed)
        Q_EMIT currentChartChanged(chart);
}

void ChartStack::addToCurrent(const QList<SeriesKey> &keys,
                              const QHash<QString, QString> &sourceNames)
{
    if (m_current)
        m_current->addSeries(keys, sourceNames);
}

void ChartStack::setShowNodes(bool show)
{
    m_showNodes = show;
    for (ChartPanel *chart : std::as_const(m_charts))
        chart->setShowNodes(show);
}

void ChartStack::setPaused(bool paused)
{
    if (paused && !m_paused && m_current) {
        m_window = m_current->timeWindow(); // what Back returns to once they move on
    } else if (!paused && m_window) {
        remember();
        m_window.reset();
    }
    pauseCharts(paused);
}

void ChartStack::setTimeWindow(double fromMs, double toMs)
{
    if (!(toMs > fromMs))
        return;
    remember();
    showWindow(std::make_pair(fromMs, toMs));
}

void ChartStack::back()
{
    if (m_back.isEmpty())
        return;
    const Window previous = m_back.takeLast();
    m_gesture = nullptr;
    showWindow(previous);
    if (m_back.isEmpty())
        Q_EMIT backAvailableChanged(false);
}

void ChartStack::onUserZoomed(ChartPanel *chart)
{
    remember(chart);
    m_window = chart->timeWindow();
    for (ChartPanel *other : std::as_const(m_charts)) {
        if (other != chart)
            other->setTimeWindow(m_window->first, m_window->second);
    }
    pauseCharts(true);
}

void ChartStack::remember(const ChartPanel *gesture)
{
    // The steps of one wheel turn or drag come a few ms apart: Back undoes them at once.
    constexpr qint64 kGestureMs = 1000;
    const bool sameGesture = gesture && gesture == m_gesture && m_gestureClock.isValid()
        && m_gestureClock.elapsed() < kGestureMs;
    m_gesture = gesture;
    m_gestureClock.start();
    if (sameGesture)
        return;
    constexpr qsizetype kMaxBack = 100;
    if (m_back.size() == kMaxBack)
        m_back.removeFirst();
    m_back.append(m_window);
    if (m_back.size() == 1)
        Q_EMIT backAvailableChanged(true);
}

void ChartStack::showWindow(const Window &window)
{
    m_window = window;
    if (window) {
        for (ChartPanel *chart : std::as_const(m_charts))
            chart->setTimeWindow(window->first, window->second);
    }
    pauseCharts(bool(window));
}

void ChartStack::pauseCharts(bool paused)
{
    const bool changed = paused != m_paused;
    m_paused = paused;
    for (ChartPanel *chart : std::as_const(m_charts)) {
        chart->setPaused(paused);
        if (!paused && !chart->isFollowing())
            chart->followLatest();
    }
    if (changed)
        Q_EMIT pausedChanged(paused);
}

void ChartStack::setRange(int range)
{
    for (ChartPanel *chart : std::as_const(m_charts))
        chart->setRange(ChartPanel::Range(range));
    setPaused(false);
}

void ChartStack::onCrosshairMoved(double timeMs)
{
    for (ChartPanel *chart : std::as_const(m_charts)) {
        if (chart != sender())
            chart->setCrosshairTime(timeMs);
    }
}

int ChartStack::commonRange() const
{
    const ChartPanel::Range first = m_charts.constFirst()->range();
    const bool same =
        std::all_of(m_charts.cbegin(), m_charts.cend(),
                    [first](const ChartPanel *chart) { return chart->range() == first; });
    return same ? int(first) : -1;
}

bool ChartStack::isEmpty() const
{
    return std::all_of(m_charts.cbegin(), m_charts.cend(),
                       [](const ChartPanel *chart) { return chart->isEmpty(); });
}

} // namespace dashboard
