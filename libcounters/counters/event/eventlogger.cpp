// SPDX-License-Identifier: MIT
#include "eventlogger.h"

#include <QLocale>
#include <QMessageLogger>

namespace counters {

namespace {
Q_LOGGING_CATEGORY(lcEvents, "counters.events", QtInfoMsg)

constexpr EventListener::EventKind kKinds[] = {
    EventListener::ValueEvents, EventListener::StartEvents, EventListener::EndEvents};

bool matchesAtStart(const QRegularExpression &filter, const QString &text)
{
    return filter.pattern().isEmpty()
        || filter
               .match(text, 0, QRegularExpression::NormalMatch,
                      QRegularExpression::AnchorAtOffsetMatchOption)
               .hasMatch();
}
} // namespace

const QLoggingCategory &EventLogger::defaultCategory()
{
    return lcEvents();
}

QLatin1StringView EventLogger::kindName(EventListener::EventKind kind)
{
    switch (kind) {
    case EventListener::ValueEvents:
        return QLatin1StringView("value");
    case EventListener::StartEvents:
        return QLatin1StringView("start");
    case EventListener::EndEvents:
        return QLatin1StringView("end");
    }
    return {};
}

EventLogger::EventLogger(const QRegularExpression &nameFilter, const QRegularExpression &kindFilter,
                         const QLoggingCategory &category, QtMsgType level, Scope scope)
    : m_nameFilter(nameFilter), m_category(category), m_level(level)
{
    for (const QRegularExpression *filter : {&nameFilter, &kindFilter}) {
        if (!filter->isValid()) {
            m_valid = false;
            m_errorString =
                QStringLiteral("The filter \"%1\" is not a valid regular expression: %2")
                    .arg(filter->pattern(), filter->errorString());
            return;
        }
    }
    // The kind filter is decided once: the listener then hears only the kinds it logs.
    for (EventListener::EventKind kind : kKinds) {
        if (matchesAtStart(kindFilter, kindName(kind).toString()))
            m_kinds |= kind;
    }
    // Compiled now, not by the first event (under the expression's lock, on some thread).
    m_nameFilter.optimize();
    if (m_kinds != 0)
        startListening(scope);
}

EventLogger::~EventLogger()
{
    stopListening();
}

int EventLogger::eventKinds() const noexcept
{
    return m_kinds;
}

void EventLogger::onEvent(Event event, EventListener::EventKind kind, double value) noexcept
{
    // isEnabled() first: a disabled level costs no name and no match.
    if (!m_category.isEnabled(m_level))
        return;
    const QString name = event.name();
    if (!matchesAtStart(m_nameFilter, name))
        return;
    QMessageLogger logger(nullptr, 0, nullptr, m_category.categoryName());
    const char *format = "Event: name=%s kind=%s value=%s";
    const QByteArray valueText = kind == EventListener::ValueEvents
        ? QByteArray::number(value, 'g', QLocale::FloatingPointShortest)
        : QByteArrayLiteral("none");
    const QByteArray nameText = name.toUtf8();
    const QByteArray kindText(kindName(kind).data(), kindName(kind).size());
    switch (m_level) {
    case QtDebugMsg:
        logger.debug(format, nameText.constData(), kindText.constData(), valueText.constData());
        break;
    case QtInfoMsg:
        logger.info(format, nameText.constData(), kindText.constData(), valueText.constData());
        break;
    case QtWarningMsg:
        logger.warning(format, nameText.constData(), kindText.constData(), valueText.constData());
        break;
    case QtCriticalMsg:
    case QtFatalMsg: // never fatal: an event is no reason to abort
        logger.critical(format, nameText.constData(), kindText.constData(), valueText.constData());
        break;
    }
}

} // namespace counters
