// SPDX-License-Identifier: MIT
#include "theme.h"

#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <functional>

namespace dashboard {

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness()
        < palette.color(QPalette::WindowText).lightness();
}

QPalette Theme::darkPalette()
{
    QPalette p;
    const QColor window(0x24, 0x27, 0x2e);
    const QColor base(0x1b, 0x1d, 0x23);
    const QColor text(0xe3, 0xe6, 0xea);
    const QColor dim(0x80, 0x86, 0x90);
    const QColor highlight(0x3d, 0x8b, 0xd8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x25, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x34, 0x3c));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dim);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2e, 0x32, 0x3a));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3f, 0x48));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x40));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2d, 0x34));
    p.setColor(QPalette::Dark, QColor(0x16, 0x18, 0x1c));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0d, 0x10));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb2, 0xf5));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xf0));
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, dim);
    }
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x44, 0x48, 0x50));
    return p;
}

QPalette Theme::lightPalette()
{
    QPalette p;
    const QColor window(0xf3, 0xf4, 0xf6);
    const QColor text(0x1f, 0x23, 0x28);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf7, 0xf9));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0x99));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xfa, 0xfa, 0xfb));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe8, 0xea, 0xed));
    p.setColor(QPalette::Mid, QColor(0xc9, 0xcd, 0xd3));
    p.setColor(QPalette::Dark, QColor(0x9a, 0xa0, 0xa8));
    p.setColor(QPalette::Shadow, QColor(0x50, 0x55, 0x5c));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x7b, 0xd0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, QColor(0xa0, 0xa5, 0xad));
    }
    return p;
}

QColor Theme::seriesColor(int index, const QPalette &palette)
{
    // Tableau 10, in an order whose neighbours differ in hue and lightness; slightly lighter
    // on dark backgrounds so lines keep their contrast.
    static const QRgb colors[] = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0x76b7b2,
                                  0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    constexpr int count = int(sizeof(colors) / sizeof(colors[0]));
    QColor color = QColor::fromRgb(colors[((index % count) + count) % count]);
    if (isDark(palette))
        color = color.lighter(125);
    return color;
}

QColor Theme::processColor(const QColor &base, int ordinal)
{
    // Lightness steps away from the series' own (whose line is solid and thicker), far enough
    // apart to be told from each other at a glance: darker, lighter, much darker, …
    static const float steps[] = {-0.20f, 0.20f, -0.32f, 0.32f, -0.10f, 0.10f};
    constexpr int count = int(sizeof(steps) / sizeof(steps[0]));
    const QColor hsl = base.toHsl();
    const float lightness =
        std::clamp(hsl.lightnessF() + steps[((ordinal % count) + count) % count], 0.12f, 0.86f);
    return QColor::fromHslF(hsl.hslHueF(), std::max(0.35f, hsl.hslSaturationF()), lightness);
}

QList<qreal> Theme::processDashes(int ordinal)
{
    static const QList<QList<qreal>> dashes = {
        {5, 2.5},               // dashes
        {1.2, 2},               // dots
        {6, 2, 1.2, 2},         // dash dot
        {10, 3},                // long dashes
        {2.5, 2.5},             // short dashes
        {6, 2, 1.2, 2, 1.2, 2}, // dash dot dot
    };
    return dashes.at(((ordinal % dashes.size()) + dashes.size()) % dashes.size());
}

namespace {

/// The icons made so far, by what they show: the same swatch is the same QIcon, so that a
/// model comparing icons by cacheKey() sees no change.
QIcon cachedSwatch(const QString &id, const std::function<void(QPainter &, const QRect &)> &draw)
{
    static QHash<QString, QIcon> cache;
    if (const auto it = cache.constFind(id); it != cache.cend())
        return *it;
    QIcon icon;
    // Twice as wide as high: room for a line's dashes.
    for (const int size : {8, 12, 16, 24}) {
        QPixmap pixmap(2 * size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        draw(painter, pixmap.rect());
        painter.end();
        icon.addPixmap(pixmap);
    }
    if (cache.size() > 512) // palettes and colours come and go; a bound, not a leak
        cache.clear();
    cache.insert(id, icon);
    return icon;
}

} // namespace

QIcon Theme::lineSwatch(const QColor &color, const QList<qreal> &dashes)
{
    QString id = QStringLiteral("line %1").arg(color.rgba());
    for (const qreal dash : dashes)
        id += QLatin1Char(' ') + QString::number(dash);
    return cachedSwatch(id, [&](QPainter &painter, const QRect &rect) {
        QPen pen(color);
        // A solid line (a series') thick, like its line beside the dashed ones.
        pen.setWidthF(std::max(1.0, rect.height() / (dashes.isEmpty() ? 4.0 : 8.0)));
        pen.setCapStyle(Qt::FlatCap);
        if (!dashes.isEmpty())
            pen.setDashPattern(QList<qreal>(dashes));
        painter.setPen(pen);
        const qreal y = rect.center().y() + 0.5;
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right() + 1, y));
    });
}

QIcon Theme::fillSwatch(const QColor &fill, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QString id = QStringLiteral("fill %1 %2").arg(fill.rgba()).arg(base.rgba());
    return cachedSwatch(id, [&](QPainter &painter, const QRect &rect) {
        const QRect box = rect.adjusted(rect.width() / 6, 0, -rect.width() / 6, 0);
        painter.fillRect(box, base);
        painter.fillRect(box, fill);
    });
}

QColor Theme::stateColor(Source::State state, const QPalette &palette)
{
    switch (state) {
    case Source::State::Live:
        return QColor(0x2e, 0xa0, 0x43);
    case Source::State::Connecting:
        return QColor(0xe0, 0x9b, 0x1a);
    case Source::State::Error:
        return QColor(0xd9, 0x3f, 0x3f);
    case Source::State::Offline:
        break;
    }
    return palette.color(QPalette::Disabled, QPalette::WindowText);
}

QIcon Theme::icon(const QString &name, const QPalette &palette)
{
    const QIcon svg(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
    if (svg.isNull())
        return svg;
    // Monochrome artwork tinted with the text colour of each mode, so that the same SVG reads
    // on light and dark palettes.
    QIcon tinted;
    const qreal ratio = qApp ? qApp->devicePixelRatio() : 1.0;
    for (const int size : {16, 22, 24, 32, 48}) {
        for (const QIcon::Mode mode : {QIcon::Normal, QIcon::Disabled, QIcon::Active}) {
            QPixmap pixmap = svg.pixmap(QSize(size, size), ratio);
            const QColor color = mode == QIcon::Disabled
                ? palette.color(QPalette::Disabled, QPalette::ButtonText)
                : palette.color(QPalette::Normal, QPalette::ButtonText);
            QPainter painter(&pixmap);
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
            painter.fillRect(pixmap.rect(), color);
            painter.end();
            tinted.addPixmap(pixmap, mode);
        }
    }
    return tinted;
}

QIcon Theme::applicationIcon()
{
    return QIcon(QStringLiteral(":/icons/counters-dashboard.svg"));
}

} // namespace dashboard
