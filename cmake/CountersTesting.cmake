# SPDX-License-Identifier: MIT
# counters_add_test(<Name> SOURCES <files...> [LIBS <targets...>] [LABELS <labels...>] [WIDGETS])
#
# One Qt Test executable per class, registered with CTest under <Name>. Asserts are forced on
# (QT_FORCE_ASSERTS, and NDEBUG removed) whatever the build type; widget tests run on the
# offscreen platform so they need no display.
function(counters_add_test name)
    cmake_parse_arguments(ARG "WIDGETS" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "counters_add_test(${name}) needs SOURCES")
    endif()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${name} PRIVATE QT_FORCE_ASSERTS)
    target_compile_options(${name} PRIVATE -UNDEBUG)
    target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests/support")
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
