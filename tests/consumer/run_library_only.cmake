# SPDX-License-Identifier: MIT
# Run by LibraryOnlyBuildTest as `cmake -D... -P`: configures and builds this source tree with
# everything but the libraries switched off, where Qt Widgets, Charts, Test, LinguistTools and
# Google Benchmark cannot be found, so that a library-only build is proven to need QtCore and
# QtNetwork alone.
cmake_minimum_required(VERSION 3.25)

foreach(var SOURCE_DIR BINARY_DIR GENERATOR)
    if(NOT ${var})
        message(FATAL_ERROR "run_library_only.cmake: ${var} is not set")
    endif()
endforeach()

function(step name)
    message(STATUS "library-only: ${name}")
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "library-only: ${name} failed (${rc}):\n${command}\n${out}")
    endif()
endfunction()

file(REMOVE_RECURSE "${BINARY_DIR}")
set(args -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}"
    -DCMAKE_BUILD_TYPE=Release
    -DCOUNTERS_BUILD_APP=OFF -DCOUNTERS_BUILD_EXAMPLES=OFF -DCOUNTERS_BUILD_BENCH=OFF
    -DBUILD_TESTING=OFF
    -DCMAKE_DISABLE_FIND_PACKAGE_Qt6Widgets=ON -DCMAKE_DISABLE_FIND_PACKAGE_Qt6Charts=ON
    -DCMAKE_DISABLE_FIND_PACKAGE_Qt6Test=ON -DCMAKE_DISABLE_FIND_PACKAGE_Qt6LinguistTools=ON
    -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON)
if(MAKE_PROGRAM)
    list(APPEND args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_COMPILER)
    list(APPEND args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(CXX_COMPILER_LAUNCHER)
    list(APPEND args "-DCMAKE_CXX_COMPILER_LAUNCHER=${CXX_COMPILER_LAUNCHER}")
endif()
step("configure" "${CMAKE_COMMAND}" ${args})
step("build" "${CMAKE_COMMAND}" --build "${BINARY_DIR}")
foreach(library libcounterscore libcounterstransport)
    file(GLOB found "${BINARY_DIR}/libcounters/${library}.*")
    if(NOT found)
        message(FATAL_ERROR "library-only: ${library} was not built")
    endif()
endforeach()
