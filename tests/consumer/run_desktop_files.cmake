# SPDX-License-Identifier: MIT
# Run by DesktopFilesTest as `cmake -D... -P`: the dashboard's .desktop file and AppStream
# metainfo pass desktop-file-validate and appstreamcli (offline). appstreamcli's warning that
# the component id is not reverse-DNS is accepted: the id is the desktop file's and the
# program's name, counters-dashboard, on purpose; errors fail the test.
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND desktop-file-validate "${DESKTOP}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0 OR out MATCHES "error:")
    message(FATAL_ERROR "desktop-file-validate ${DESKTOP} (${rc}):\n${out}")
endif()

execute_process(COMMAND appstreamcli validate --no-net "${METAINFO}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REGEX MATCHALL "(^|\n)[EW]: [^\n]*" problems "${out}")
list(FILTER problems EXCLUDE REGEX "cid-desktopapp-is-not-rdns")
if(problems OR rc GREATER 3)
    message(FATAL_ERROR "appstreamcli validate ${METAINFO} (${rc}):\n${out}")
endif()
message(STATUS "desktop files: ok")
