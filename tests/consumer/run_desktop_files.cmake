# SPDX-License-Identifier: MIT
# Run by DesktopFilesTest as `cmake -D... -P`: the dashboard's .desktop file and AppStream
# metainfo pass desktop-file-validate and appstreamcli (offline) without errors. Warnings are
# shown, not failed on: the component id is the desktop file's and the program's name,
# counters-dashboard, on purpose (not reverse-DNS), and the project has no homepage yet
# (newer appstreamcli asks for one).
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND desktop-file-validate "${DESKTOP}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0 OR out MATCHES "error:")
    message(FATAL_ERROR "desktop-file-validate ${DESKTOP} (${rc}):\n${out}")
endif()

# The dashboard opens Counters reports, not every JSON file there is: it must not claim them.
file(READ "${DESKTOP}" entry)
if(entry MATCHES "MimeType=[^\n]*application/json")
    message(FATAL_ERROR "${DESKTOP} claims every application/json file")
endif()

execute_process(COMMAND appstreamcli validate --no-net "${METAINFO}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REGEX MATCHALL "(^|\n)E: [^\n]*" errors "${out}")
if(errors OR rc GREATER 3)
    message(FATAL_ERROR "appstreamcli validate ${METAINFO} (${rc}):\n${out}")
endif()
message(STATUS "desktop files: ok\n${out}")
