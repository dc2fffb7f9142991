// SPDX-License-Identifier: MIT
#pragma once

// Everything of Counters::Core in one include, bottom layer first.

#include <counters/base/clock.h>
#include <counters/base/countertype.h>
#include <counters/base/labels.h>
#include <counters/base/loghistogram.h>
#include <counters/base/snapshot.h>
#include <counters/base/unit.h>
#include <counters/counter/accumulatingcounter.h>
#include <counters/counter/averagetimecounter.h>
#include <counters/counter/averagewindowcounter.h>
#include <counters/counter/counter.h>
#include <counters/counter/eventcounter.h>
#include <counters/counter/family.h>
#include <counters/counter/frequencycounter.h>
#include <counters/counter/gaugecounter.h>
#include <counters/counter/maxwindowcounter.h>
#include <counters/counter/minwindowcounter.h>
#include <counters/counter/percentilewindowcounter.h>
#include <counters/counter/registry.h>
#include <counters/counter/shortcuts.h>
#include <counters/counter/totalcounter.h>
#include <counters/counter/windowcounter.h>
#include <counters/counter/windowedcounter.h>
#include <counters/event/alleventslistener.h>
#include <counters/event/event.h>
#include <counters/event/eventlistener.h>
#include <counters/event/eventlogger.h>
#include <counters/event/scopedevent.h>
#include <counters/event/threadtimecategorizer.h>
#include <counters/event/valueaccumulator.h>
#include <counters/format/frame.h>
#include <counters/format/framereader.h>
#include <counters/format/framewriter.h>
#include <counters/format/hello.h>
#include <counters/format/jsoncodec.h>
#include <counters/format/prometheusencoder.h>
#include <counters/report/jsonfilereporter.h>
#include <counters/report/jsonhistoryreporter.h>
#include <counters/report/logreporter.h>
#include <counters/report/reporter.h>
#include <counters/report/reporting.h>
#include <counters/report/reportingcontroller.h>
#include <counters/version.h>
