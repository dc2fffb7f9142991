# SPDX-License-Identifier: MIT
# Run by ConsumerPackageTest (see CMakeLists.txt beside this file) as `cmake -D... -P`:
#   1. cmake --install COUNTERS_BUILD_DIR --prefix CONSUMER_PREFIX
#   2. configure CONSUMER_SOURCE_DIR into CONSUMER_BINARY_DIR with CMAKE_PREFIX_PATH=prefix
#      (and check that find_package() took Counters from that prefix, not from the system)
#   3. build it   4. run the programs it builds
# Any failing step fails the test, printing the step's output.
cmake_minimum_required(VERSION 3.25)

foreach(var COUNTERS_BUILD_DIR CONSUMER_PREFIX CONSUMER_SOURCE_DIR CONSUMER_BINARY_DIR
            CONSUMER_GENERATOR)
    if(NOT ${var})
        message(FATAL_ERROR "run_consumer.cmake: ${var} is not set")
    endif()
endforeach()

# Runs a step; on failure stops with the step's whole output.
function(consumer_step name)
    message(STATUS "consumer: ${name}")
    execute_process(COMMAND ${ARGN}
        RESULT_VARIABLE rc
        OUTPUT_VARIABLE out
        ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "consumer: ${name} failed (${rc}):\n${command}\n${out}")
    endif()
    set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${CONSUMER_PREFIX}" "${CONSUMER_BINARY_DIR}")

set(config_args "")
if(COUNTERS_CONFIG)
    set(config_args --config "${COUNTERS_CONFIG}")
endif()
consumer_step("install into ${CONSUMER_PREFIX}"
    "${CMAKE_COMMAND}" --install "${COUNTERS_BUILD_DIR}" --prefix "${CONSUMER_PREFIX}"
        ${config_args})

set(configure_args
    -S "${CONSUMER_SOURCE_DIR}" -B "${CONSUMER_BINARY_DIR}" -G "${CONSUMER_GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${CONSUMER_PREFIX}"
    # Only the prefix may provide Counters: not the user package registry, not the system.
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
if(COUNTERS_CONFIG)
    list(APPEND configure_args "-DCMAKE_BUILD_TYPE=${COUNTERS_CONFIG}")
endif()
foreach(pair MAKE_PROGRAM:CMAKE_MAKE_PROGRAM CXX_COMPILER:CMAKE_CXX_COMPILER
             CXX_COMPILER_LAUNCHER:CMAKE_CXX_COMPILER_LAUNCHER)
    string(REPLACE ":" ";" pair "${pair}")
    list(GET pair 0 ours)
    list(GET pair 1 theirs)
    if(CONSUMER_${ours})
        list(APPEND configure_args "-D${theirs}=${CONSUMER_${ours}}")
    endif()
endforeach()
if(CONSUMER_CXX_FLAGS)
    list(APPEND configure_args "-DCMAKE_CXX_FLAGS=${CONSUMER_CXX_FLAGS}"
        "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_CXX_FLAGS}")
endif()
if(CONSUMER_EXTRA_ARGS)
    string(REPLACE "|" ";" extra "${CONSUMER_EXTRA_ARGS}")
    list(APPEND configure_args ${extra})
endif()
consumer_step("configure the consumer project" "${CMAKE_COMMAND}" ${configure_args})

file(STRINGS "${CONSUMER_BINARY_DIR}/CMakeCache.txt" counters_dir REGEX "^Counters_DIR:")
string(REGEX REPLACE "^Counters_DIR:[A-Z]+=" "" counters_dir "${counters_dir}")
file(REAL_PATH "${CONSUMER_PREFIX}" real_prefix)
if(EXISTS "${counters_dir}")
    file(REAL_PATH "${counters_dir}" counters_dir)
endif()
string(FIND "${counters_dir}" "${real_prefix}/" at)
if(NOT at EQUAL 0)
    message(FATAL_ERROR "consumer: find_package(Counters) used '${counters_dir}', "
        "not the package installed in ${CONSUMER_PREFIX}")
endif()

consumer_step("build the consumer project"
    "${CMAKE_COMMAND}" --build "${CONSUMER_BINARY_DIR}" ${config_args})

foreach(program counters-consumer counters-consumer-test counters-consumer-qt)
    set(exe "${CONSUMER_BINARY_DIR}/${program}")
    if(NOT EXISTS "${exe}" AND COUNTERS_CONFIG)
        set(exe "${CONSUMER_BINARY_DIR}/${COUNTERS_CONFIG}/${program}")
    endif()
    if(NOT EXISTS "${exe}" AND NOT program STREQUAL "counters-consumer")
        continue() # a project without it (project-core; a build without Counters::Qt)
    endif()
    consumer_step("run ${program}" "${exe}")
    message(STATUS "consumer: ${step_output}")
endforeach()
