// SPDX-License-Identifier: MIT
#pragma once

// Lets QCOMPARE print a std::optional<double>: its value, or "null".

#include <QTest>

#include <optional>

namespace QTest {
template <>
inline char *toString(const std::optional<double> &value)
{
    return value ? QTest::toString(*value) : qstrdup("null");
}
} // namespace QTest
