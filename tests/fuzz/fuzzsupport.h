// SPDX-License-Identifier: MIT
#pragma once

// Shared by the fuzz targets: the Qt set-up of LLVMFuzzerInitialize(), and a check that
// stops the run with a message (libFuzzer saves the input as a crash) when an invariant fails.

#include <QByteArray>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstdio>
#include <cstdlib>

namespace fuzz {

/**
 * One QCoreApplication for the whole run (never destroyed, so never a leak), and every logging
 * category off: the parsers log each rejected input, which would cost more than the parsing
 * and flood the output.
 */
inline void initializeQt(int *argc, char ***argv)
{
    static int qtArgc = 1;
    static char *qtArgv[] = {(*argc > 0) ? (*argv)[0] : const_cast<char *>("fuzz"), nullptr};
    static QCoreApplication *application = new QCoreApplication(qtArgc, qtArgv);
    Q_UNUSED(application);
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
}

/// The input as a QByteArray that owns a copy (the parsers may keep references).
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

[[noreturn]] inline void invariantFailed(const char *what, const char *file, int line)
{
    std::fprintf(stderr, "fuzz invariant failed at %s:%d: %s\n", file, line, what);
    std::abort();
}

} // namespace fuzz

/// Aborts (a finding) when `condition` is false: an invariant beyond "does not crash".
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition))                                                                          \
            fuzz::invariantFailed(#condition, __FILE__, __LINE__);                                 \
    } while (false)
