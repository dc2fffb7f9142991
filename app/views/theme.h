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
    /// The colour that stands for a source state (green live, amber connecting…).
    static QColor stateColor(Source::State state, const QPalette &palette = QPalette());

    /// The action icon `name` (`:/icons/<name>.svg`), tinted for `palette`.
    static QIcon icon(const QString &name, const QPalette &palette = QPalette());
    /// The application icon.
    static QIcon applicationIcon();
};

} // namespace dashboard
