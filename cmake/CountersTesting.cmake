# SPDX-License-Identifier: MIT
# counters_add_test(<Name> SOURCES <files...> [LIBS <targets...>] [LABELS <labels...>]
#                   [RUNS <executable targets...>] [TIMEOUT <seconds>] [WIDGETS])
#
# One Qt Test executable per class, registered with CTest under <Name>. Asserts are forced on
# (QT_FORCE_ASSERTS, and NDEBUG removed) whatever the build type; widget tests run on the
# offscreen platform so they need no display. Each program a test RUNS is built before it and
# its path given as a definition named after it: counters-demo-server as
# DEMO_SERVER_EXECUTABLE. Each label gets a target, counters_tests_<label>, that builds the
# tests of that label and what they run (scripts/test.sh -L <label> builds only that).
#
# Qt6::Test defines QT_TESTCASE_BUILDDIR and QT_TESTCASE_SOURCEDIR, each test's folders as
# absolute paths, for QFINDTESTDATA, which no test here uses. Absolute paths in definitions
# defeat ccache in any other clone (CI compiled every test again in each pass), so tests take
# Qt Test's headers and library through counters_qt_test, without them.
if(NOT TARGET counters_qt_test)
    add_library(counters_qt_test INTERFACE)
    target_link_libraries(counters_qt_test INTERFACE $<LINK_ONLY:Qt6::Test> Qt6::Core)
    target_include_directories(counters_qt_test SYSTEM INTERFACE
        $<TARGET_PROPERTY:Qt6::Test,INTERFACE_INCLUDE_DIRECTORIES>)
    target_compile_definitions(counters_qt_test INTERFACE QT_TESTLIB_LIB)
endif()

function(counters_add_test name)
    cmake_parse_arguments(ARG "WIDGETS" "TIMEOUT" "SOURCES;LIBS;LABELS;RUNS" ${ARGN})
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "counters_add_test(${name}) needs SOURCES")
    endif()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE counters_qt_test ${ARG_LIBS})
    target_compile_definitions(${name} PRIVATE QT_FORCE_ASSERTS)
    target_compile_options(${name} PRIVATE -UNDEBUG)
    target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests/support")
    foreach(program IN LISTS ARG_RUNS)
        string(REGEX REPLACE "^counters-" "" macro "${program}")
        string(TOUPPER "${macro}" macro)
        string(REPLACE "-" "_" macro "${macro}")
        target_compile_definitions(${name} PRIVATE
            ${macro}_EXECUTABLE="$<TARGET_FILE:${program}>")
        add_dependencies(${name} ${program})
    endforeach()
    foreach(label IN LISTS ARG_LABELS)
        if(NOT TARGET counters_tests_${label})
            add_custom_target(counters_tests_${label})
        endif()
        add_dependencies(counters_tests_${label} ${name})
    endforeach()
    add_test(NAME ${name} COMMAND ${name})
    set(env "QT_QPA_PLATFORM=offscreen")
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "${env}"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
endfunction()
