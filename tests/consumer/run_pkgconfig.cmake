# SPDX-License-Identifier: MIT
# Run by PkgConfigConsumerTest as `cmake -D... -P`: installs this build into PREFIX, then builds
# tests/consumer/project-core/main.cpp the way a project without CMake would, with
# `pkg-config --cflags --libs counters-core`, runs it, and checks that counters-transport
# resolves too. Also checks the 0.x SONAME (libcounterscore.so.MAJOR.MINOR).
cmake_minimum_required(VERSION 3.25)

foreach(var COUNTERS_BUILD_DIR PREFIX SOURCE WORK CXX VERSION)
    if(NOT ${var})
        message(FATAL_ERROR "run_pkgconfig.cmake: ${var} is not set")
    endif()
endforeach()

function(step name)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
        OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT rc EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "pkg-config consumer: ${name} failed (${rc}):\n${command}\n${out}\n${err}")
    endif()
    set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${PREFIX}" "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
step("install" "${CMAKE_COMMAND}" --install "${COUNTERS_BUILD_DIR}" --prefix "${PREFIX}"
    --component Runtime)
step("install" "${CMAKE_COMMAND}" --install "${COUNTERS_BUILD_DIR}" --prefix "${PREFIX}"
    --component Development)

file(GLOB_RECURSE pcfiles "${PREFIX}/*/counters-core.pc")
list(LENGTH pcfiles found)
if(NOT found EQUAL 1)
    message(FATAL_ERROR "pkg-config consumer: expected one counters-core.pc below ${PREFIX}, found: ${pcfiles}")
endif()
get_filename_component(pcdir "${pcfiles}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pcdir}")

step("pkg-config counters-core" pkg-config --cflags --libs counters-core)
separate_arguments(flags UNIX_COMMAND "${step_output}")
step("pkg-config counters-transport" pkg-config --exists --print-errors counters-transport)
step("pkg-config --modversion" pkg-config --modversion counters-core)
if(NOT step_output STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config consumer: counters-core.pc says ${step_output}, not ${VERSION}")
endif()

step("compile" "${CXX}" -std=c++17 -fPIC "${SOURCE}" ${flags} -o "${WORK}/core-consumer")
get_filename_component(libdir "${pcdir}" DIRECTORY)
set(ENV{LD_LIBRARY_PATH} "${libdir}")
step("run" "${WORK}/core-consumer")

# 0.x: the minor version is part of the SONAME.
string(REGEX MATCH "^[0-9]+\\.[0-9]+" majorMinor "${VERSION}")
if(VERSION MATCHES "^0\\.")
    if(NOT EXISTS "${libdir}/libcounterscore.so.${majorMinor}")
        file(GLOB libs "${libdir}/libcounterscore*")
        message(FATAL_ERROR "pkg-config consumer: no libcounterscore.so.${majorMinor} (0.x SONAME), only: ${libs}")
    endif()
endif()
message(STATUS "pkg-config consumer: ok")
