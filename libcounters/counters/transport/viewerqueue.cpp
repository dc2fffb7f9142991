// SPDX-License-Identifier: MIT
#include "viewerqueue_p.h"

#include <QIODevice>

#include <algorithm>

namespace counters::detail {

quint64 ViewerQueue::push(const QByteArray &frame, const Limits &limits)
{
    m_frames.push_back(frame);
    m_bytes += frame.size();
    const std::size_t frameLimit = std::size_t(std::max(1, limits.maxFrames));
    quint64 dropped = 0;
    while (m_frames.size() > 1 && (m_frames.size() > frameLimit || m_bytes > limits.maxBytes)) {
        m_bytes -= m_frames.front().size();
        m_frames.pop_front();
        ++dropped;
    }
    m_dropped += dropped;
    return dropped;
}

bool ViewerQueue::pump(QIODevice *device)
{
    while (!m_frames.empty() && device->bytesToWrite() < HighWater) {
        const QByteArray frame = std::move(m_frames.front());
        m_frames.pop_front();
        m_bytes -= frame.size();
        if (device->write(frame) != frame.size())
            return false;
    }
    return true;
}

void ViewerQueue::drainInto(QIODevice *device)
{
    for (const QByteArray &frame : m_frames)
        device->write(frame);
    m_frames.clear();
    m_bytes = 0;
}

} // namespace counters::detail
