// SPDX-License-Identifier: MIT
#pragma once

#include "sources/source.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QPalette>

namespace dashboard {

/**
 * The dashboard's look, derived from the application palette so that light and dark themes
 * both read well: series colours, state colours, the dark palette of `--palette dark`, and
 * the action icons (monochrome SVGs from the resources, tinted with the palette's text
 * colour).
 *
 * Functions read the current QGuiApplication palette; call them from the GUI thread.
 */
class Theme
{
    Q_DECLARE_TR_FUNCTIONS(dashboard::Theme)
public:
    Theme() = delete;

    /// Whether `palette` is a dark one (light text on a dark window).
    static bool isDark(const QPalette &palette = QPalette());
    /// A dark Fusion palette for `--palette dark`.
    static QPalette darkPalette();
    /// A light Fusion palette for `--palette light`.
    static QPalette lightPalette();

    /// The colour of the `index`-th series of a chart, distinct for the first eight.
    static QColor seriesColor(int index, const QPalette &palette = QPalette());
    /// The colour of the line of process `ordinal` (0, 1, …) of a series drawn in `base`: the
    /// series' hue in a lightness of its own, so that its processes read as its family yet
    /// apart from each other.
    static QColor processColor(const QColor &base, int ordinal);
    /// The dash pattern (in pen widths) of process `ordinal`'s lines, distinct for the first
    /// six: together with processColor() it tells processes apart in any chart.
    static QList<qreal> processDashes(int ordinal);
    /// A legend swatch, twice as wide as high: a short line of `color`, dashed by `dashes`
    /// (empty: a solid, thicker line). The same arguments give the same icon
    /// (QIcon::cacheKey()).
    static QIcon lineSwatch(const QColor &color, const QList<qreal> &dashes);
    /// A legend swatch: a box of a band's translucent `fill`, over `palette`'s base.
    static QIcon fillSwatch(const QColor &fill, const QPalette &palette = QPalette());
    /// The colour that stands for a source state (green live, amber connecting…).
    static QColor stateColor(Source::State state, const QPalette &palette = QPalette());

    /// The action icon `name` (`:/icons/<name>.svg`), tinted for `palette`.
    static QIcon icon(const QString &name, const QPalette &palette = QPalette());
    /// The application icon.
    static QIcon applicationIcon();
};

} // namespace dashboard
