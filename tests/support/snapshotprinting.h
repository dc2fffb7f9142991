// SPDX-License-Identifier: MIT
#pragma once

// Lets QCOMPARE print a Snapshot that differs (found by argument-dependent lookup).

#include <counters/format/jsoncodec.h>

#include <QtGlobal>

namespace counters {

inline char *toString(const Snapshot &snapshot)
{
    return qstrdup(snapshot.isNull() ? "<null snapshot>" : JsonCodec::toJson(snapshot).constData());
}

} // namespace counters
