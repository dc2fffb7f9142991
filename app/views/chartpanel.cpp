// SPDX-License-Identifier: MIT
#include "chartpanel.h"

#include "chartview.h"
#include "legendview.h"
#include "models/familyaggregates.h"
#include "models/historystore.h"
#include "models/legendmodel.h"
#include "models/seriesstats.h"
#include "models/thresholdset.h"
#include "models/valueformat.h"
#include "seriesbinder.h"
#include "theme.h"
#include "thresholddialog.h"
#include "timeaxispolicy.h"
#include "viewslogging.h"

#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QColorDialog>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QSet>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace dashboard {

namespace {

/// Charts of more series draw their lines only, and follow new data at most every
/// kManySeriesRefreshMs.
constexpr int kMaxBandedSeries = 12;
/// The line series a chart spends at most on breaking its lines at gaps.
constexpr int kMaxLinePieces = 64;
constexpr qint64 kManySeriesRefreshMs = 1000;

double rangeSeconds(ChartPanel::Range range)
{
    switch (range) {
    case ChartPanel::Range::OneMinute:
        return 60;
    case ChartPanel::Range::FiveMinutes:
        return 300;
    case ChartPanel::Range::FifteenMinutes:
        return 900;
    case ChartPanel::Range::OneHour:
        return 3600;
    case ChartPanel::Range::All:
        break;
    }
    return 0;
}

} // namespace

ChartPanel::ChartPanel(HistoryStore *history, ThresholdSet *thresholds, QWidget *parent)
    : QFrame(parent),
      m_history(history),
      m_thresholds(thresholds),
      m_legend(new LegendModel(this)),
      m_chart(new QChart()),
      m_timeAxis(new QDateTimeAxis()),
      m_valueAxis(new QValueAxis()),
      m_logAxis(new QLogValueAxis())
{
    setFrameShape(QFrame::NoFrame);
    setContentsMargins(4, 2, 4, 2);

    m_chart->setMargins(QMargins(6, 4, 10, 4));
    m_chart->setBackgroundRoundness(0);
    // The legend is a table of its own under the chart (LegendView).
    m_chart->legend()->hide();
    m_chart->setAnimationOptions(QChart::NoAnimation);
    // Axis numbers in the UI language's notation (0,5 in German and French). Localized labels
    // need a format with a precision ("%.6g": Qt Charts draws none for "%g").
    m_chart->setLocalizeNumbers(true);
    m_chart->setLocale(QLocale());
    // The view draws the time ticks (ChartView::setTimeTicks()): the axis keeps the room for
    // its labels, which it draws in no colour, and no grid of its own.
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(2);
    m_timeAxis->setGridLineVisible(false);
    m_valueAxis->setLabelFormat(QStringLiteral("%.6g"));
    m_valueAxis->setTickCount(5);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    const double now = double(QDateTime::currentMSecsSinceEpoch());
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(now - 300000)),
                         QDateTime::fromMSecsSinceEpoch(qint64(now)));
    m_valueAxis->setRange(0, 1);
    m_logAxis->setBase(10);
    m_logAxis->setLabelFormat(QStringLiteral("%.6g"));
    m_logAxis->setMinorTickCount(-1); // 2 × … 9 × each power of ten
    m_logAxis->setRange(1, 10);

    m_view = new ChartView(m_chart, this);
    connect(m_view, &ChartView::userZoomed, this, &ChartPanel::onUserZoomed);
    connect(m_view, &ChartView::resetRequested, this, [this] {
        followLatest();
        Q_EMIT liveRequested(this);
    });
    connect(m_view, &ChartView::crosshairMoved, this, &ChartPanel::crosshairMoved);
    m_view->setCrosshairProvider([this](double timeMs) { return crosshairValues(timeMs); });
    connect(m_view, &ChartView::pressed, this, [this] { Q_EMIT activated(this); });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ChartPanel::onContextMenu);
    // The number of value ticks depends on the height.
    connect(m_view, &ChartView::resized, this, &ChartPanel::updateAxes, Qt::QueuedConnection);

    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_rangeBox = new QComboBox(this);
    m_rangeBox->addItem(tr("Last minute"), int(Range::OneMinute));
    m_rangeBox->addItem(tr("Last 5 minutes"), int(Range::FiveMinutes));
    m_rangeBox->addItem(tr("Last 15 minutes"), int(Range::FifteenMinutes));
    m_rangeBox->addItem(tr("Last hour"), int(Range::OneHour));
    m_rangeBox->addItem(tr("Everything"), int(Range::All));
    m_rangeBox->setCurrentIndex(m_rangeBox->findData(int(m_range)));
    m_rangeBox->setToolTip(tr("Time shown (Alt+1 … Alt+5)"));
    connect(m_rangeBox, &QComboBox::activated, this, [this] {
        setRange(Range(m_rangeBox->currentData().toInt()));
        Q_EMIT liveRequested(this);
    });

    m_closeButton = new QToolButton(this);
    m_closeButton->setAutoRaise(true);
    m_closeButton->setToolTip(tr("Close this chart"));
    connect(m_closeButton, &QToolButton::clicked, this, [this] { Q_EMIT closeRequested(this); });

    // Says when the range asked for holds less data than its length.
    m_coverage = new QLabel(this);
    m_coverage->setTextFormat(Qt::PlainText);
    m_coverage->hide();

    auto *header = new QHBoxLayout();
    header->setContentsMargins(6, 2, 2, 0);
    header->addWidget(m_title, 1);
    header->addWidget(m_coverage);
    header->addWidget(m_rangeBox);
    header->addWidget(m_closeButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    m_legendView = new LegendView(m_legend, this);
    layout->addWidget(m_legendView);
    connect(m_legend, &LegendModel::visibilityChanged, this, &ChartPanel::onVisibilityChanged);
    connect(m_legend, &LegendModel::bandShownChanged, this, &ChartPanel::setBandShown);
    connect(m_legendView, &LegendView::thresholdsRequested, this, &ChartPanel::editThresholds);
    connect(m_legendView, &LegendView::colorRequested, this, &ChartPanel::chooseColor);
    connect(m_legendView, &LegendView::renameRequested, this, &ChartPanel::chooseLabel);
    // A taller legend needs a taller chart (minimumSizeHint()).
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_legend, signal, this, &QWidget::updateGeometry, Qt::QueuedConnection);
    connect(m_legend, &QAbstractItemModel::modelReset, this, &QWidget::updateGeometry,
            Qt::QueuedConnection);

    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!m_paused)
            refresh(false);
    });

    m_placeholder = new QLabel();
    m_view->setPlaceholder(m_placeholder);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    setPlaceholderText(QString());

    connect(m_history, &HistoryStore::historyChanged, this, &ChartPanel::onHistoryChanged);
    connect(m_history, &HistoryStore::seriesRemoved, this, &ChartPanel::onSeriesRemoved);
    if (m_thresholds) {
        // A paused chart keeps its data: only the lines and the legend change.
        connect(m_thresholds, &ThresholdSet::thresholdsChanged, this, [this] {
            if (m_paused)
                updateAxes();
            else
                refresh(false);
        });
    }

    applyPalette();
    updateTitle();
}

ChartPanel::~ChartPanel()
{
    // The binders remove their series from the chart, which the view still owns (with the
    // value axis in use; not the other one).
    m_entries.clear();
    if (m_logScale)
        delete m_valueAxis;
    else
        delete m_logAxis;
}

QAbstractAxis *ChartPanel::valueAxis() const
{
    return m_logScale ? static_cast<QAbstractAxis *>(m_logAxis)
                      : static_cast<QAbstractAxis *>(m_valueAxis);
}

void ChartPanel::setLogScale(bool log)
{
    if (log == m_logScale)
        return;
    // Emptied first: Qt Charts would place their points (zeros too) on the new axis at once.
    forEachBinder(
        [this](SeriesBinder &binder, const Entry &) { m_replaceCount += binder.clear(); });
    QAbstractAxis *const before = valueAxis();
    m_logScale = log;
    QAbstractAxis *const after = valueAxis();
    m_chart->removeAxis(before); // detaches every series; the chart no longer owns it
    m_chart->addAxis(after, Qt::AlignLeft);
    forEachBinder([after, log](SeriesBinder &binder, const Entry &) {
        binder.setValueAxis(after);
        binder.setPositiveOnly(log);
    });
    refresh(true);
}

void ChartPanel::setFromZero(std::optional<bool> fromZero)
{
    if (fromZero == m_fromZero)
        return;
    m_fromZero = fromZero;
    updateAxes();
}

bool ChartPanel::startsAtZero() const
{
    if (m_fromZero)
        return *m_fromZero;
    // Rates and counts read against zero; a latency of 16 µs next to 0 would be a flat line.
    return std::all_of(m_entries.cbegin(), m_entries.cend(), [this](const Entry &e) {
        const counters::Unit unit = valueUnit(e.key);
        return unit == counters::Unit::PerSecond || unit == counters::Unit::None;
    });
}

void ChartPanel::setBandShown(const SeriesKey &key, bool shown)
{
    setBandsShown({key}, shown);
}

void ChartPanel::setBandsShown(const QList<SeriesKey> &keys, bool shown)
{
    bool changed = false;
    for (const SeriesKey &key : keys) {
        Entry *e = entry(key.merged());
        if (!e || e->bandShown == shown)
            continue;
        e->bandShown = shown;
        m_legend->setBandShown(e->key, shown); // (its echo finds nothing left to change)
        changed = true;
    }
    if (!changed)
        return;
    refresh(true);          // once for all of them
    Q_EMIT seriesChanged(); // (see setSeriesColor())
}

bool ChartPanel::showsBands(const Entry &e) const
{
    return e.bandShown && m_history->hasBands(e.key);
}

bool ChartPanel::isBandShown(const SeriesKey &key) const
{
    const auto it = std::find_if(m_entries.cbegin(), m_entries.cend(),
                                 [&](const Entry &e) { return e.key == key.merged(); });
    return it != m_entries.cend() && it->bandShown;
}

void ChartPanel::onContextMenu(const QPoint &position)
{
    Q_EMIT activated(this);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    QAction *log = menu.addAction(tr("&Logarithmic Scale"));
    log->setCheckable(true);
    log->setChecked(m_logScale);
    connect(log, &QAction::toggled, this, &ChartPanel::setLogScale);
    QAction *zero = menu.addAction(tr("Start at &Zero"));
    zero->setCheckable(true);
    zero->setChecked(startsAtZero());
    zero->setEnabled(!m_logScale);
    zero->setToolTip(tr("Whether the value axis starts at zero (linear scale)"));
    connect(zero, &QAction::toggled, this, [this](bool on) { setFromZero(on); });
    if (!m_entries.empty()) {
        QMenu *bands = menu.addMenu(tr("&Bands"));
        QMenu *colors = menu.addMenu(tr("&Colour"));
        QMenu *rename = menu.addMenu(tr("Re&name"));
        QMenu *remove = menu.addMenu(tr("&Remove"));
        for (const Entry &e : m_entries) {
            const QString name = nameOf(e);
            const SeriesKey series = e.key;
            colors->addAction(Theme::lineSwatch(colorOf(e), {}), name + QStringLiteral("…"), this,
                              [this, series] { chooseColor(series); });
            if (e.color.isValid()) {
                colors->addAction(tr("%1: Palette Colour").arg(name), this,
                                  [this, series] { setSeriesColor(series, QColor()); });
            }
            rename->addAction(name + QStringLiteral("…"), this,
                              [this, series] { chooseLabel(series); });
            QAction *band = bands->addAction(name);
            band->setCheckable(true);
            band->setChecked(e.bandShown);
            band->setEnabled(e.line->hasBands() || !e.bandShown);
            const SeriesKey key = e.key;
            connect(band, &QAction::toggled, this, [this, key](bool on) { setBandShown(key, on); });
            connect(remove->addAction(name), &QAction::triggered, this,
                    [this, key] { removeSeries(key); });
        }
        if (lineCount() > kMaxBandedSeries) {
            bands->addSeparator();
            bands->addAction(tr("(none drawn: more than %n line(s))", nullptr, kMaxBandedSeries))
                ->setEnabled(false);
        }
        menu.addSeparator();
        menu.addAction(tr("&Duplicate Chart"), this, [this] { Q_EMIT duplicateRequested(this); });
    }
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void ChartPanel::copyFrom(const ChartPanel &other)
{
    if (&other == this)
        return;
    clear();
    QList<SeriesKey> keys;
    QHash<QString, QString> sourceNames;
    for (const Entry &e : other.m_entries) {
        keys.append(e.key);
        sourceNames.insert(e.key.sourceId, e.sourceName);
    }
    addSeries(keys, sourceNames);
    for (const Entry &e : other.m_entries) {
        setBandShown(e.key, e.bandShown);
        setSeriesVisible(e.key, other.isSeriesVisible(e.key));
        setSeriesColor(e.key, e.color);
        setSeriesLabel(e.key, e.label);
    }
    setLogScale(other.m_logScale);
    setFromZero(other.m_fromZero);
    setRange(other.m_range);
}

ChartPanel::Entry *ChartPanel::entry(const SeriesKey &key)
{
    return const_cast<Entry *>(std::as_const(*this).entry(key));
}

const ChartPanel::Entry *ChartPanel::entry(const SeriesKey &key) const
{
    const SeriesKey merged = key.merged();
    for (const Entry &e : m_entries) {
        if (e.key == merged)
            return &e;
    }
    return nullptr;
}

Threshold ChartPanel::thresholdOf(const SeriesKey &key) const
{
    return m_thresholds ? m_thresholds->thresholdOf(key.counter, m_history->family(key))
                        : Threshold();
}

QColor ChartPanel::colorOf(const Entry &e) const
{
    return e.color.isValid() ? e.color : Theme::seriesColor(e.colorIndex, palette());
}

QString ChartPanel::nameOf(const Entry &e) const
{
    return e.label.isEmpty() ? displayName(e.key.counter) : e.label;
}

void ChartPanel::setSeriesColor(const SeriesKey &key, const QColor &color)
{
    Entry *e = entry(key);
    if (!e || e->color == color)
        return;
    e->color = color;
    e->line->setColor(colorOf(*e));
    m_legend->setColor(e->key, e->line->color(), Theme::lineSwatch(e->line->color(), {}));
    for (const auto &node : e->nodes)
        styleNode(*e, *node);
    updateLegend();
    Q_EMIT seriesChanged(); // the user's choice: no default replaces this chart now
}

QColor ChartPanel::seriesColor(const SeriesKey &key) const
{
    const Entry *e = entry(key);
    return e ? e->color : QColor();
}

void ChartPanel::setSeriesLabel(const SeriesKey &key, const QString &label)
{
    Entry *e = entry(key);
    const QString trimmed = label.trimmed();
    if (!e || e->label == trimmed)
        return;
    e->label = trimmed;
    updateLegend();
    updateThresholdLines();
    updateTitle();
    Q_EMIT seriesChanged(); // (see setSeriesColor())
}

QString ChartPanel::seriesLabel(const SeriesKey &key) const
{
    const Entry *e = entry(key);
    return e ? e->label : QString();
}

void ChartPanel::chooseColor(const SeriesKey &key)
{
    const Entry *e = entry(key);
    if (!e)
        return;
    // Not modal in an event loop of its own: it would run inside the menu that asked, and new
    // data may replace this chart meanwhile, deleting the menu and the dialog under it. The
    // dialog is this chart's child and goes with it.
    auto *dialog = new QColorDialog(colorOf(*e), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Colour of %1").arg(nameOf(*e)));
    connect(dialog, &QColorDialog::colorSelected, this,
            [this, key](const QColor &color) { setSeriesColor(key, color); });
    dialog->open();
}

void ChartPanel::chooseLabel(const SeriesKey &key)
{
    const Entry *e = entry(key);
    if (!e)
        return;
    auto *dialog = new QInputDialog(this); // (see chooseColor())
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename Series"));
    dialog->setLabelText(
        tr("Name of %1 in this chart (empty: the counter's name):").arg(key.counter));
    dialog->setTextValue(nameOf(*e));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, key](const QString &label) {
        setSeriesLabel(key, label == displayName(key.counter) ? QString() : label);
    });
    dialog->open();
}

void ChartPanel::addSeries(const SeriesKey &key, const QString &sourceName)
{
    addSeries({key}, {{key.sourceId, sourceName}});
}

void ChartPanel::addSeries(const QList<SeriesKey> &keys, const QHash<QString, QString> &sourceNames)
{
    // Bands of several series cover one another in a muddy fill: a series comes with its
    // bands shown only when no series before it shows some (the others' are a click away).
    bool banded = std::any_of(m_entries.cbegin(), m_entries.cend(),
                              [this](const Entry &e) { return showsBands(e); });
    bool added = false;
    for (const SeriesKey &key : keys) {
        if (!addEntry(key, sourceNames.value(key.sourceId), !banded))
            continue;
        added = true;
        banded = banded || showsBands(m_entries.back());
    }
    if (!added)
        return;
    refresh(true);
    updateTitle();
    Q_EMIT seriesChanged();
}

bool ChartPanel::addEntry(const SeriesKey &key, const QString &sourceName, bool bandShown)
{
    const SeriesKey merged = key.merged();
    if (entry(merged))
        return false;
    Entry e;
    e.key = merged;
    e.sourceName = sourceName;
    e.colorIndex = m_nextColor++;
    e.bandShown = bandShown;
    e.line = std::make_unique<SeriesBinder>(m_chart, m_timeAxis, valueAxis(), merged, colorOf(e),
                                            SeriesBinder::Style::Merged);
    e.line->setPositiveOnly(m_logScale);
    m_legend->addSeries(merged, nameOf(e), e.line->color(), valueUnit(merged),
                        Theme::lineSwatch(e.line->color(), {}));
    m_entries.push_back(std::move(e));
    m_legend->setBandShown(merged, bandShown);
    syncNodes(m_entries.back());
    qCDebug(lcViews) << "chart shows" << merged.counter;
    return true;
}

void ChartPanel::removeSeries(const SeriesKey &key)
{
    const SeriesKey merged = key.merged();
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&](const Entry &e) { return e.key == merged; });
    if (it == m_entries.end())
        return;
    m_entries.erase(it);
    m_legend->removeSeries(merged);
    refresh(true);
    updateTitle();
    Q_EMIT seriesChanged();
}

void ChartPanel::clear()
{
    if (m_entries.empty())
        return;
    m_entries.clear();
    // An empty chart starts afresh: linear, the unit's baseline.
    setLogScale(false);
    m_fromZero.reset();
    m_legend->clear();
    m_nextColor = 0;
    m_processOrdinals.clear();
    refresh(true);
    updateTitle();
    Q_EMIT seriesChanged();
}

QList<SeriesKey> ChartPanel::seriesKeys() const
{
    QList<SeriesKey> keys;
    for (const Entry &e : m_entries)
        keys.append(e.key);
    return keys;
}

bool ChartPanel::contains(const SeriesKey &key) const
{
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [&](const Entry &e) { return e.key == key.merged(); });
}

const SeriesBinder *ChartPanel::binder(const SeriesKey &key) const
{
    for (const Entry &e : m_entries) {
        if (e.key == key)
            return e.line.get();
        for (const auto &node : e.nodes) {
            if (node->key() == key)
                return node.get();
        }
    }
    return nullptr;
}

void ChartPanel::setShowNodes(bool show)
{
    if (show == m_showNodes)
        return;
    m_showNodes = show;
    for (Entry &e : m_entries)
        syncNodes(e);
    refresh(true);
}

void ChartPanel::syncNodes(Entry &e)
{
    if (!m_showNodes) {
        e.nodes.clear();
        return;
    }
    const QList<SeriesKey> nodeKeys = m_history->nodeKeys(e.key);
    for (const SeriesKey &nodeKey : nodeKeys) {
        const bool known = std::any_of(e.nodes.cbegin(), e.nodes.cend(),
                                       [&](const auto &b) { return b->key() == nodeKey; });
        if (known)
            continue;
        auto binder = std::make_unique<SeriesBinder>(m_chart, m_timeAxis, valueAxis(), nodeKey,
                                                     QColor(), SeriesBinder::Style::Node);
        binder->setPositiveOnly(m_logScale);
        e.nodes.push_back(std::move(binder));
        styleNode(e, *e.nodes.back());
    }
}

int ChartPanel::processOrdinal(const QString &node)
{
    // Across the chart's counters, so that a process has the same dash in every one of them.
    const auto it = m_processOrdinals.constFind(node);
    if (it != m_processOrdinals.cend())
        return *it;
    const int ordinal = int(m_processOrdinals.size());
    m_processOrdinals.insert(node, ordinal);
    return ordinal;
}

void ChartPanel::styleNode(const Entry &e, SeriesBinder &node)
{
    const int ordinal = processOrdinal(node.key().node);
    node.setColor(Theme::processColor(colorOf(e), ordinal));
    node.setDashes(Theme::processDashes(ordinal));
}

void ChartPanel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!m_paused)
        refresh(false);
    updateTitle();
}

void ChartPanel::setRange(Range range)
{
    const bool changed = range != m_range;
    m_range = range;
    m_rangeBox->setCurrentIndex(m_rangeBox->findData(int(range)));
    m_following = true;
    m_chart->zoomReset();
    refresh(true);
    if (changed)
        Q_EMIT rangeChanged(this);
}

void ChartPanel::followLatest()
{
    m_following = true;
    m_chart->zoomReset();
    if (!m_paused)
        refresh(false);
    updateAxes();
}

void ChartPanel::setTimeWindow(double fromMs, double toMs)
{
    if (!(toMs > fromMs))
        return;
    m_following = false;
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(fromMs)),
                         QDateTime::fromMSecsSinceEpoch(qint64(toMs)));
    refresh(false);
}

std::pair<double, double> ChartPanel::timeWindow() const
{
    return {double(m_timeAxis->min().toMSecsSinceEpoch()),
            double(m_timeAxis->max().toMSecsSinceEpoch())};
}

void ChartPanel::onUserZoomed()
{
    m_following = false;
    // The chart holds the points of the span it showed, decimated for it: zooming in needs
    // the full resolution, zooming out or panning the points beyond.
    refresh(false);
    updateLegend();
    Q_EMIT userZoomed(this);
}

void ChartPanel::onVisibilityChanged(const SeriesKey &key, bool visible)
{
    // A series' row shows or hides its own line and bands, a process row that process' line.
    forEachBinder([&](SeriesBinder &binder, const Entry &) {
        if (binder.key() == key)
            binder.setVisible(visible);
    });
    updateAxes();
}

void ChartPanel::setSeriesVisible(const SeriesKey &key, bool visible)
{
    m_legend->setVisible(key.merged(), visible);
}

bool ChartPanel::isSeriesVisible(const SeriesKey &key) const
{
    return m_legend->isVisible(key.merged());
}

void ChartPanel::editThresholds(const SeriesKey &key)
{
    if (!m_thresholds)
        return;
    // In the unit its values are shown in (chosen from its largest magnitude).
    const CounterHistory *history = m_history->history(key.merged());
    ThresholdDialog::edit(this, m_thresholds, key.counter, valueUnit(key),
                          history ? history->largestMagnitude() : 0);
}

void ChartPanel::setCrosshairTime(double timeMs)
{
    m_view->setCrosshairTime(timeMs);
}

double ChartPanel::crosshairTime() const
{
    return m_view->crosshairTime();
}

QList<CrosshairValue> ChartPanel::crosshairValues(double timeMs) const
{
    QList<CrosshairValue> values;
    forEachBinder([&](const SeriesBinder &binder, const Entry &e) {
        if (!binder.isVisible())
            return;
        const std::optional<QPointF> point = binder.pointNear(timeMs);
        if (!point)
            return;
        const counters::Unit type = valueUnit(e.key);
        const auto format = [&](double v) { return ValueFormat::value(v, type); };
        QString text = nameOf(e);
        if (binder.key().isNode())
            text += QStringLiteral(" @ ") + ValueFormat::nodeName(binder.key().node);
        if (binder.isGapAt(timeMs)) {
            values.append({text + QStringLiteral("  ") + tr("no data"), binder.color()});
            return;
        }
        text += QStringLiteral("  ") + format(point->y() / m_scale.factor);
        // The reading under the point: its bands' numbers, and what a roll-up stands for.
        // (Milliseconds back to seconds may land an ulp off the reading's time.)
        const CounterHistory *history = m_history->history(binder.key());
        const int index = history ? history->lowerBound(point->x() / 1000.0 - 1e-6) : 0;
        if (!history || index >= history->size()
            || std::abs(history->at(index).time * 1000.0 - point->x()) > 1e-3) {
            values.append({text, binder.color()});
            return;
        }
        const HistoryPoint &reading = history->at(index);
        if (binder.bandsShown() && reading.hasPercentiles())
            text += QStringLiteral("  ")
                + tr("(p90 %1, p99 %2)").arg(format(reading.p90), format(reading.p99));
        else if (binder.bandsShown() && reading.hasBand())
            text += QStringLiteral("  ")
                + tr("(window %1 – %2)").arg(format(reading.min), format(reading.max));
        if (reading.isRollUp())
            text += QStringLiteral("  ")
                + tr("(mean of %1: %2 readings, %3 – %4)")
                      .arg(ValueFormat::window(reading.span), QLocale().toString(reading.count),
                           format(reading.low), format(reading.high));
        values.append({text, binder.color()});
    });
    return values;
}

QList<ThresholdLine> ChartPanel::thresholdLines() const
{
    return m_view->thresholdLines();
}

void ChartPanel::updateThresholdLines()
{
    QList<ThresholdLine> lines;
    if (m_thresholds) {
        // Levels a family's series share (none of its own) are drawn once, named after the
        // family: a chart of its hundred series gets two lines, not two hundred.
        QSet<QString> drawn;
        for (const Entry &e : m_entries) {
            const Threshold threshold = thresholdOf(e.key);
            if (threshold.isEmpty() || !e.line->isVisible())
                continue;
            const bool own = !m_thresholds->threshold(e.key.counter).isEmpty();
            const QString owner = own ? e.key.counter : m_history->family(e.key);
            if (drawn.contains(owner))
                continue;
            drawn.insert(owner);
            const counters::Unit type = valueUnit(e.key);
            const QString name = own ? nameOf(e) : owner;
            const QString prefix = m_entries.size() > 1 ? name + QStringLiteral(": ") : QString();
            if (threshold.hasWarning() && onAxis(threshold.warning)) {
                lines.append(
                    {threshold.warning * m_scale.factor,
                     ThresholdSet::color(ThresholdState::Warning),
                     prefix + tr("warning %1").arg(ValueFormat::value(threshold.warning, type))});
            }
            if (threshold.hasCritical() && onAxis(threshold.critical)) {
                lines.append(
                    {threshold.critical * m_scale.factor,
                     ThresholdSet::color(ThresholdState::Critical),
                     prefix + tr("critical %1").arg(ValueFormat::value(threshold.critical, type))});
            }
        }
    }
    m_view->setThresholdLines(lines);
}

void ChartPanel::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(
        text.isEmpty() ? tr("Select counters in the table and choose “Add to Chart”.") : text);
}

QSize ChartPanel::minimumSizeHint() const
{
    const int legend = m_legendView->isVisibleTo(this) ? m_legendView->sizeHint().height() : 0;
    const int height = m_title->sizeHint().height() + legend + MinimumPlotHeight;
    return QSize(QFrame::minimumSizeHint().width(), std::max(MinimumHeight, height));
}

QString ChartPanel::placeholderText() const
{
    return m_placeholder->text();
}

void ChartPanel::setCurrent(bool current)
{
    if (current == m_current)
        return;
    m_current = current;
    update();
}

void ChartPanel::onHistoryChanged(const QList<SeriesKey> &keys)
{
    if (m_entries.empty())
        return;
    // New processes of a multi-process counter join its chart as they appear.
    if (m_showNodes) {
        for (Entry &e : m_entries) {
            for (const SeriesKey &key : keys) {
                if (key.isNode() && key.merged() == e.key) {
                    syncNodes(e);
                    break;
                }
            }
        }
    }
    if (m_paused)
        return;
    // A chart of many series costs Qt Charts most of the dashboard's time: it follows new data
    // at most once a second.
    if (lineCount() > kMaxBandedSeries && m_lastRefresh.isValid()
        && m_lastRefresh.elapsed() < kManySeriesRefreshMs) {
        if (!m_refreshTimer.isActive())
            m_refreshTimer.start(int(kManySeriesRefreshMs - m_lastRefresh.elapsed()));
        return;
    }
    refresh(false);
}

void ChartPanel::onSeriesRemoved(const QList<SeriesKey> &keys)
{
    bool changed = false;
    for (Entry &e : m_entries) {
        if (keys.contains(e.key)) {
            m_replaceCount += e.line->clear();
            changed = true;
        }
        const auto gone = std::remove_if(e.nodes.begin(), e.nodes.end(),
                                         [&](const auto &b) { return keys.contains(b->key()); });
        if (gone != e.nodes.end()) {
            e.nodes.erase(gone, e.nodes.end());
            changed = true;
        }
    }
    if (changed)
        refresh(true);
}

counters::Unit ChartPanel::valueUnit(const SeriesKey &key) const
{
    return m_history->unit(key);
}

ValueScale ChartPanel::valueScale() const
{
    if (m_entries.empty())
        return ValueScale::plain();
    const counters::Unit first = valueUnit(m_entries.front().key);
    for (const Entry &e : m_entries) {
        if (valueUnit(e.key) != first)
            return ValueScale::plain();
    }
    double largest = 0;
    for (const Entry &e : m_entries) {
        if (const CounterHistory *history = m_history->history(e.key))
            largest = std::max(largest, history->largestMagnitude());
    }
    return ValueScale::of(first, largest);
}

int ChartPanel::lineCount() const
{
    std::size_t lines = m_entries.size();
    for (const Entry &e : m_entries)
        lines += e.nodes.size();
    return int(lines);
}

void ChartPanel::refresh(bool force)
{
    m_lastRefresh.start();
    m_refreshTimer.stop();
    const ValueScale newScale = valueScale();
    if (newScale.factor != m_scale.factor)
        force = true; // every point changes
    m_scale = newScale;
    const double factor = m_scale.factor;
    // Qt Charts gets what the time axis will show, a few points per pixel column: following a
    // range, the newest points (fitAxes() makes the same span); zoomed, the zoomed span.
    double fromMs = 0;
    double toMs = 0;
    if (m_following) {
        if (const auto span = dataSpan()) {
            const double window = rangeSeconds(m_range) * 1000.0;
            const TimeAxisPolicy::Span shown =
                TimeAxisPolicy::followed(span->first, span->second, window);
            fromMs = shown.from;
            toMs = shown.to;
        }
    } else {
        fromMs = double(m_timeAxis->min().toMSecsSinceEpoch());
        toMs = double(m_timeAxis->max().toMSecsSinceEpoch());
    }
    const int columns = std::max(100, int(m_chart->plotArea().width()));
    // Bands of a few series help; dozens of overlapping bands hide the lines and cost most of
    // the painting.
    const int lines = lineCount();
    const bool bands = lines <= kMaxBandedSeries;
    // Each break of a line at a gap costs a line series: a chart shares a few out.
    const int breaks = std::min<int>(DecimatedSeries::MaxGaps, kMaxLinePieces / std::max(1, lines));
    bool newBand = false;
    // Points first, then the axes, then Qt Charts gets the points: it lays each line out
    // once (see SeriesBinder::decimate()).
    forEachBinder([&](SeriesBinder &binder, const Entry &e) {
        const CounterHistory *history = m_history->history(binder.key());
        if (!history)
            return;
        // A process' bands would cover its series' (the merged one tells the spread).
        binder.setBandsShown(bands && e.bandShown && binder.style() == SeriesBinder::Style::Merged);
        binder.setMarkersShown(bands);
        binder.setMaxBreaks(breaks);
        const bool hadBands = binder.hasBands();
        binder.decimate(*history, factor, fromMs, toMs, columns, force);
        newBand |= !hadBands && binder.hasBands();
    });
    if (newBand) // a new band goes under the lines of the series before it too
        forEachBinder([](SeriesBinder &binder, const Entry &) { binder.raiseLine(); });
    m_placeholder->setVisible(m_entries.empty());
    m_valueAxis->setTitleText(m_scale.title);
    m_logAxis->setTitleText(m_scale.title);
    m_valueAxis->setLabelFormat(QStringLiteral("%.6g") + m_scale.suffix);
    m_logAxis->setLabelFormat(QStringLiteral("%.6g") + m_scale.suffix);
    fitAxes();
    // New axis labels can change the plot area: laid out now, before the points come, rather
    // than after (which lays every line out again).
    if (QGraphicsLayout *layout = m_chart->layout())
        layout->activate();
    const std::pair<double, double> cut = bandCut();
    forEachBinder([&](SeriesBinder &binder, const Entry &) {
        m_replaceCount += binder.push(cut.first, cut.second);
    });
    updateLegend();
    updateThresholdLines();
}

void ChartPanel::updateLegend()
{
    bool severalSources = false;
    for (const Entry &e : m_entries)
        severalSources |= e.key.sourceId != m_entries.front().key.sourceId;
    // The statistics cover what the time axis shows.
    const double from = double(m_timeAxis->min().toMSecsSinceEpoch()) / 1000.0;
    const double to = double(m_timeAxis->max().toMSecsSinceEpoch()) / 1000.0;
    const auto statsOf = [&](const SeriesKey &key, PointField field) {
        const CounterHistory *history = m_history->history(key);
        return history ? SeriesStats::compute(*history, from, to, field) : SeriesStats();
    };
    const auto stateOf = [&](const SeriesKey &key, double value) {
        return thresholdOf(key).stateOf(value);
    };
    // A series stopped when its source reported on for more than a gap without it.
    const auto stoppedSince = [&](const SeriesKey &key) {
        const CounterHistory *history = m_history->history(key);
        if (!history || history->isEmpty())
            return 0.0;
        const HistoryPoint &last = history->last();
        const double expected = std::max(history->readingPeriod(), last.span);
        const bool stopped = expected > 0
            && m_history->newestTime(key.sourceId) - last.time
                > DecimatedSeries::GapPeriods * expected;
        return stopped ? last.time : 0.0;
    };
    // (Counted once: each entry asking would cost a chart of hundreds of series their square.)
    const bool drawsBands = lineCount() <= kMaxBandedSeries;
    m_legend->beginUpdate();
    for (Entry &e : m_entries) {
        QString name = nameOf(e);
        if (severalSources && !e.sourceName.isEmpty())
            name += QStringLiteral(" · ") + e.sourceName;
        // Older points rolled up: the legend says into what.
        if (e.line->rollUpSeconds() > 0)
            name += QStringLiteral(" ")
                + tr("(older: means of %1)").arg(ValueFormat::window(e.line->rollUpSeconds()));
        e.line->setName(name);
        m_legend->setName(e.key, name);
        m_legend->setUnit(e.key, valueUnit(e.key));
        const SeriesStats stats = statsOf(e.key, PointField::Value);
        m_legend->setStats(e.key, stats, stateOf(e.key, stats.current));
        m_legend->setStoppedSince(e.key, stoppedSince(e.key));
        const QList<LegendModel::Detail> details = legendDetails(e, drawsBands);
        m_legend->setDetails(e.key, details);
        for (const LegendModel::Detail &detail : details) {
            if (detail.field != PointField::Value) {
                m_legend->setStats(detail.key, detail.field, statsOf(detail.key, detail.field));
                continue;
            }
            const SeriesStats nodeStats = statsOf(detail.key, PointField::Value);
            m_legend->setStats(detail.key, nodeStats, stateOf(detail.key, nodeStats.current));
            m_legend->setStoppedSince(detail.key, stoppedSince(detail.key));
        }
        for (const auto &node : e.nodes)
            node->setName(nameOf(e) + QStringLiteral(" @ ")
                          + ValueFormat::nodeName(node->key().node));
    }
    m_legend->endUpdate();
}

QList<LegendModel::Detail> ChartPanel::legendDetails(const Entry &e, bool drawsBands) const
{
    QList<LegendModel::Detail> details;
    // The key of the bands, where the chart draws bands and the newest reading has some.
    const CounterHistory *history = m_history->history(e.key);
    if (drawsBands && history && !history->isEmpty()) {
        const HistoryPoint &newest = history->last();
        const QColor color = e.line->color();
        const auto add = [&](PointField field, const QString &name, const QString &toolTip) {
            details.append({e.key, field, name, color,
                            Theme::fillSwatch(SeriesBinder::bandColor(color, field), palette()),
                            toolTip});
        };
        if (newest.hasPercentiles()) {
            add(PointField::P90, tr("p90"),
                tr("The 90th percentile of the window: the darker band reaches from the "
                   "median (the line) to it."));
            add(PointField::P99, tr("p99"),
                tr("The 99th percentile of the window: the fainter band reaches from the p90 "
                   "to it."));
        } else if (newest.hasBand()) {
            const QString band = tr("The band reaches from the smallest to the largest value "
                                    "of the counter's window.");
            add(PointField::WindowMax, tr("window max"), band);
            add(PointField::WindowMin, tr("window min"), band);
        }
    }
    for (const auto &node : e.nodes) {
        const QString process = ValueFormat::nodeName(node->key().node);
        details.append({node->key(), PointField::Value, process, node->color(),
                        Theme::lineSwatch(node->color(), node->dashes()),
                        tr("%1 of process %2 (%3)").arg(nameOf(e), process, node->key().node)});
    }
    return details;
}

std::pair<double, double> ChartPanel::bandCut() const
{
    // A little beyond the plot's edges (see SeriesBinder::push()).
    if (m_logScale)
        return {m_logAxis->min() / 2, m_logAxis->max() * 2};
    const double margin = (m_valueAxis->max() - m_valueAxis->min()) * 0.05;
    return {m_valueAxis->min() - margin, m_valueAxis->max() + margin};
}

QString ChartPanel::coverageText() const
{
    return m_coverage->isVisibleTo(this) ? m_coverage->text() : QString();
}

void ChartPanel::updateTimeTicks(double from, double to)
{
    const QLocale locale;
    const QFontMetricsF metrics(m_valueAxis->labelsFont());
    // As many ticks as labels fit side by side, with room between them.
    const QString widest = to - from > 86400e3
        ? locale.toString(QDate(2026, 12, 28), QLocale::ShortFormat)
        : locale.toString(QTime(23, 59, 59), QLocale::LongFormat);
    const double plotWidth = m_chart->plotArea().width() > 0 ? m_chart->plotArea().width() : 600;
    const int maxTicks =
        std::clamp(int(plotWidth / (metrics.horizontalAdvance(widest) * 1.5)), 2, 12);
    double step = 0;
    const QList<double> times = TimeAxisPolicy::ticks(from, to, maxTicks, &step);
    QList<TimeTick> ticks;
    ticks.reserve(times.size());
    for (const double time : times)
        ticks.append({time, TimeAxisPolicy::tickLabel(time, step, to - from, locale)});
    m_view->setTimeTicks(ticks);
}

void ChartPanel::updateAxes()
{
    fitAxes();
    // The axis may move without new points (a baseline, a series hidden, a paused chart): the
    // bands follow.
    const std::pair<double, double> cut = bandCut();
    forEachBinder([&](SeriesBinder &binder, const Entry &) {
        m_replaceCount += binder.recut(cut.first, cut.second);
    });
    updateLegend();
    updateThresholdLines();
}

std::optional<std::pair<double, double>> ChartPanel::dataSpan() const
{
    double first = std::numeric_limits<double>::infinity();
    double last = -std::numeric_limits<double>::infinity();
    const auto span = [&](const SeriesKey &key) {
        const CounterHistory *history = m_history->history(key);
        if (!history || history->isEmpty() || std::isnan(history->firstValueTime()))
            return; // nothing drawn
        // From the first value (a line starts there), to the newest reading (whether it has
        // a value or says that there is none now).
        first = std::min(first, history->firstValueTime() * 1000.0);
        last = std::max(last, history->last().time * 1000.0);
    };
    for (const Entry &e : m_entries) {
        span(e.key);
        for (const auto &node : e.nodes)
            span(node->key());
    }
    if (!std::isfinite(first))
        return std::nullopt;
    return std::make_pair(first, last);
}

void ChartPanel::fitAxes()
{
    const auto times = dataSpan();
    if (!times) {
        m_coverage->hide();
        return; // nothing to show: keep the axes as they are
    }

    double from = 0;
    double to = 0;
    const double window = rangeSeconds(m_range) * 1000.0;
    if (m_following) {
        const TimeAxisPolicy::Span span =
            TimeAxisPolicy::followed(times->first, times->second, window);
        from = span.from;
        to = span.to;
        m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(from)),
                             QDateTime::fromMSecsSinceEpoch(qint64(to)));
    } else {
        from = double(m_timeAxis->min().toMSecsSinceEpoch());
        to = double(m_timeAxis->max().toMSecsSinceEpoch());
    }
    updateTimeTicks(from, to);
    // A range longer than the data says how much there is.
    const double held = times->second - times->first;
    const bool shortOfData = m_following && window > 0 && held < window * 0.98;
    m_coverage->setVisible(shortOfData);
    if (shortOfData) {
        m_coverage->setText(tr("%1 of data").arg(ValueFormat::age(held / 1000.0)));
        m_coverage->setToolTip(tr("The data so far covers less than the range chosen (%1).")
                                   .arg(ValueFormat::window(window / 1000.0)));
    }

    std::optional<std::pair<double, double>> values;
    // The lines shown: a series' own and its processes' each count on their own (a process
    // shown alone, a hidden process' spike).
    const auto include = [&](const SeriesBinder &binder) {
        if (!binder.isVisible())
            return;
        const auto add = [&](const std::optional<std::pair<double, double>> &range) {
            if (!range)
                return;
            if (!values)
                values = range;
            values->first = std::min(values->first, range->first);
            values->second = std::max(values->second, range->second);
        };
        add(binder.valueRange(from, to));
        // On a logarithmic axis the bands flatten nothing: they are in view too.
        if (m_logScale)
            add(binder.positiveBandRange(from, to));
    };
    for (const Entry &e : m_entries) {
        include(*e.line);
        for (const auto &node : e.nodes)
            include(*node);
        if (!e.line->isVisible())
            continue;
        // The threshold lines of the series shown are in view too.
        const Threshold threshold = thresholdOf(e.key);
        if (values) {
            for (const double level : {threshold.warning, threshold.critical}) {
                if (!std::isnan(level) && onAxis(level)) {
                    values->first = std::min(values->first, level * m_scale.factor);
                    values->second = std::max(values->second, level * m_scale.factor);
                }
            }
        }
    }
    if (!values)
        return;
    if (m_logScale) {
        // Whole powers of ten around the positive values (the lines left the others out);
        // threshold levels of zero or less have no place either.
        if (!(values->first > 0))
            return;
        const double low = std::pow(10.0, std::floor(std::log10(values->first)));
        double high = std::pow(10.0, std::ceil(std::log10(values->second)));
        if (high <= low)
            high = low * 10;
        m_logAxis->setRange(low, high);
        return;
    }
    double low = values->first;
    double high = values->second;
    // A baseline at zero for values that are all positive (or all negative: then zero is
    // their top).
    if (startsAtZero()) {
        low = std::min(low, 0.0);
        high = std::max(high, 0.0);
    }
    if (low == high) {
        const double pad = low == 0 ? 1 : std::abs(low) * 0.1;
        low -= pad;
        high += pad;
    } else {
        const double pad = (high - low) * 0.08;
        low -= pad;
        high += pad;
    }
    // Counts, rates and durations are never negative: keep the axis at zero then.
    if (values->first >= 0 && low < 0)
        low = 0;
    // Nice round ticks, no more than fit the plot's height: Qt Charts elides the labels of
    // ticks closer than a line of text (and QValueAxis::applyNiceNumbers() may add ticks).
    const double lineHeight = QFontMetricsF(m_valueAxis->labelsFont()).height();
    const double plotHeight = m_chart->plotArea().height() > 0 ? m_chart->plotArea().height() : 200;
    const int maxTicks = std::clamp(int(plotHeight / (lineHeight * 1.8)) + 1, 2, 7);
    const double step = ValueScale::niceStep((high - low) / (maxTicks - 1));
    const double niceLow = std::floor(low / step + 1e-9) * step;
    const double niceHigh = std::ceil(high / step - 1e-9) * step;
    m_valueAxis->setRange(niceLow, niceHigh);
    m_valueAxis->setTickCount(int(std::lround((niceHigh - niceLow) / step)) + 1);
}

void ChartPanel::updateTitle()
{
    QString text = title();
    if (m_paused)
        text += QStringLiteral("  ") + tr("(paused)");
    m_title->setText(text);
    m_title->setToolTip(text + QLatin1Char('\n')
                        + tr("Drag to zoom, Shift+drag to pan, double-click to go back to live"));
}

QString ChartPanel::title() const
{
    if (m_entries.empty())
        return tr("Empty chart");
    QStringList names;
    for (const Entry &e : m_entries) {
        const QString name = nameOf(e);
        if (!names.contains(name))
            names.append(name);
    }
    return names.join(QStringLiteral(", "));
}

std::pair<double, double> ChartPanel::visibleTimeRange() const
{
    return {double(m_timeAxis->min().toMSecsSinceEpoch()) / 1000.0,
            double(m_timeAxis->max().toMSecsSinceEpoch()) / 1000.0};
}

QList<SeriesKey> ChartPanel::visibleSeriesKeys() const
{
    QList<SeriesKey> keys;
    for (const Entry &e : m_entries) {
        if (e.line->isVisible())
            keys.append(e.key);
    }
    return keys;
}

QString ChartPanel::rangeName(Range range)
{
    switch (range) {
    case Range::OneMinute:
        return QStringLiteral("1m");
    case Range::FiveMinutes:
        return QStringLiteral("5m");
    case Range::FifteenMinutes:
        return QStringLiteral("15m");
    case Range::OneHour:
        return QStringLiteral("1h");
    case Range::All:
        break;
    }
    return QStringLiteral("all");
}

std::optional<ChartPanel::Range> ChartPanel::rangeFromName(const QString &name)
{
    for (const Range range : {Range::OneMinute, Range::FiveMinutes, Range::FifteenMinutes,
                              Range::OneHour, Range::All}) {
        if (rangeName(range) == name)
            return range;
    }
    return std::nullopt;
}

QStringList ChartPanel::exportCaption(const QHash<QString, QString> &sourceNames) const
{
    QStringList sources;
    for (const Entry &e : m_entries) {
        const QString name = sourceNames.value(
            e.key.sourceId, e.sourceName.isEmpty() ? e.key.sourceId : e.sourceName);
        if (!sources.contains(name))
            sources.append(name);
    }
    const auto [from, to] = visibleTimeRange();
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(qint64(from * 1000));
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(qint64(to * 1000));
    const QLocale locale;
    const QString time = QStringLiteral("HH:mm:ss");
    const QString range = start.date() == end.date()
        ? tr("%1, %2 – %3")
              .arg(locale.toString(start.date(), QLocale::ShortFormat), start.toString(time),
                   end.toString(time))
        : tr("%1 – %2").arg(locale.toString(start, QLocale::ShortFormat),
                            locale.toString(end, QLocale::ShortFormat));
    return {title(), sources.join(QStringLiteral(", ")) + QStringLiteral("  ·  ") + range};
}

QImage ChartPanel::toImage(const QHash<QString, QString> &sourceNames) const
{
    const QPalette p = palette();
    QFont captionFont = font();
    captionFont.setBold(true);
    const QFontMetrics captionMetrics(captionFont);
    const QFontMetrics metrics(font());
    const QStringList caption = exportCaption(sourceNames);
    const int margin = 8;
    const int lineHeight = metrics.height() + 4;
    const int captionHeight = captionMetrics.height() + metrics.height() + 2 * margin;
    // The legend: a row per series drawn (hidden ones are not), its colour, name and
    // statistics.
    QList<int> legendRows;
    for (int row = 0; row < m_legend->rowCount(); ++row) {
        if (m_legend->index(row, LegendModel::NameColumn).data(Qt::CheckStateRole) != Qt::Unchecked)
            legendRows.append(row);
    }
    const int legendHeight =
        legendRows.isEmpty() ? 0 : int(legendRows.size() + 1) * lineHeight + margin;

    const QPixmap plot = m_view->grab();
    const qreal ratio = plot.devicePixelRatio();
    const QSize plotSize = (QSizeF(plot.size()) / ratio).toSize();
    const int width = plotSize.width();
    QImage image(QSize(width, captionHeight + plotSize.height() + legendHeight) * ratio,
                 QImage::Format_RGB32);
    image.setDevicePixelRatio(ratio);
    image.fill(p.color(QPalette::Base));
    QPainter painter(&image);
    painter.setPen(p.color(QPalette::Text));
    painter.setFont(captionFont);
    painter.drawText(QRect(margin, margin, width - 2 * margin, captionMetrics.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, caption.value(0));
    painter.setFont(font());
    painter.drawText(
        QRect(margin, margin + captionMetrics.height(), width - 2 * margin, metrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(caption.value(1), Qt::ElideMiddle, width - 2 * margin));
    painter.drawPixmap(0, captionHeight, plot);

    if (!legendRows.isEmpty()) {
        // Name column first, the statistics in equal columns on the right.
        const int numbers = LegendModel::ColumnCount - 1;
        const int numberWidth = std::min(120, (width - 2 * margin) / (numbers + 2));
        const int nameWidth = width - 2 * margin - numbers * numberWidth;
        int y = captionHeight + plotSize.height() + margin / 2;
        const auto rowText = [&](int row, int column) {
            return row < 0 ? m_legend->headerData(column, Qt::Horizontal).toString()
                           : m_legend->index(row, column).data().toString();
        };
        legendRows.prepend(-1); // the headers
        for (const int row : std::as_const(legendRows)) {
            int x = margin;
            // A series' detail rows (processes, the bands' key) indented under it.
            const int indent =
                row >= 0 && m_legend->kindAt(row) != LegendModel::RowKind::Series ? lineHeight : 0;
            if (row >= 0) {
                const QVariant decoration =
                    m_legend->index(row, LegendModel::NameColumn).data(Qt::DecorationRole);
                const QRect box(x + indent, y + lineHeight / 4, lineHeight / 2, lineHeight / 2);
                if (decoration.metaType() == QMetaType::fromType<QIcon>()) {
                    decoration.value<QIcon>().paint(&painter, box);
                } else {
                    const QColor color = decoration.value<QColor>();
                    painter.fillRect(box, color.isValid() ? color : p.color(QPalette::Text));
                }
            }
            const int swatch = indent + lineHeight / 2 + 6;
            painter.drawText(QRect(x + swatch, y, nameWidth - swatch, lineHeight),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(rowText(row, LegendModel::NameColumn),
                                                Qt::ElideRight, nameWidth - swatch));
            x += nameWidth;
            for (int column = LegendModel::CurrentColumn; column < LegendModel::ColumnCount;
                 ++column, x += numberWidth) {
                painter.drawText(QRect(x, y, numberWidth - 4, lineHeight),
                                 Qt::AlignRight | Qt::AlignVCenter, rowText(row, column));
            }
            y += lineHeight;
        }
    }
    return image;
}

void ChartPanel::applyPalette()
{
    const QPalette p = palette();
    const bool dark = Theme::isDark(p);
    const QColor background = p.color(QPalette::Base);
    const QColor text = p.color(QPalette::Text);
    QColor grid = p.color(QPalette::Text);
    grid.setAlphaF(dark ? 0.12f : 0.10f);
    QColor axisLine = p.color(QPalette::Text);
    axisLine.setAlphaF(0.35f);

    m_chart->setBackgroundBrush(background);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->legend()->setLabelColor(text);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.92);
    m_chart->legend()->setFont(legendFont);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis),
          static_cast<QAbstractAxis *>(m_logAxis)}) {
        // (The time axis' labels are the view's: see ChartView::setTimeTicks().)
        axis->setLabelsColor(axis == m_timeAxis ? QColor(Qt::transparent) : text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(axisLine);
        axis->setMinorGridLineVisible(axis == m_logAxis);
        QColor minor = grid;
        minor.setAlphaF(grid.alphaF() * 0.45f);
        axis->setMinorGridLineColor(minor);
        QFont labels = font();
        labels.setPointSizeF(labels.pointSizeF() * 0.88);
        axis->setLabelsFont(labels);
        axis->setTitleFont(labels);
    }
    m_view->setBackgroundBrush(background);
    QPalette placeholder = m_placeholder->palette();
    placeholder.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    m_placeholder->setPalette(placeholder);
    m_closeButton->setIcon(Theme::icon(QStringLiteral("close"), p));
    for (Entry &e : m_entries) {
        e.line->setColor(colorOf(e));
        m_legend->setColor(e.key, e.line->color(), Theme::lineSwatch(e.line->color(), {}));
        for (const auto &node : e.nodes)
            styleNode(e, *node);
    }
    updateLegend();
}

void ChartPanel::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void ChartPanel::mousePressEvent(QMouseEvent *event)
{
    Q_EMIT activated(this);
    QFrame::mousePressEvent(event);
}

void ChartPanel::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    QPainter painter(this);
    const QPalette p = palette();
    painter.fillRect(rect(), p.color(QPalette::Base));
    if (m_current) {
        // The chart that "Add to chart" fills: an accent along its left edge.
        painter.fillRect(QRect(0, 0, 3, height()), p.color(QPalette::Highlight));
    }
}

} // namespace dashboard
