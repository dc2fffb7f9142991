// SPDX-License-Identifier: MIT
#pragma once

#include "models/serieskey.h"

#include <QTableView>

namespace dashboard {

class LegendModel;

/**
 * A chart's legend as a compact table under the chart (LegendModel): the series' swatch and
 * name with a box to hide or show it, and its current, min, avg and max over the visible
 * range; a series' detail rows (its bands' key, its processes) indented under it. A
 * double-click shows a line alone (and everything again); the context menu offers the same,
 * the bands and the counter's thresholds. As tall as its rows up to six; more scroll.
 *
 * Not thread-safe (GUI thread).
 */
class LegendView : public QTableView
{
    Q_OBJECT
public:
    explicit LegendView(LegendModel *model, QWidget *parent = nullptr);
    ~LegendView() override;

    LegendModel *legend() const { return m_legend; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void mouseDoubleClickEvent(QMouseEvent *event) override;

Q_SIGNALS:
    /// The user asked to edit the thresholds of `key`'s counter.
    void thresholdsRequested(const dashboard::SeriesKey &key);
    /// The user asked to colour or rename series `key` (a series row's menu).
    void colorRequested(const dashboard::SeriesKey &key);
    void renameRequested(const dashboard::SeriesKey &key);

private:
    void onContextMenu(const QPoint &position);
    void updateHeight();

    LegendModel *m_legend;
};

} // namespace dashboard
