#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a JSON Lines history as a service reporting once a second would: by default one day
(86,400 reports) of 20 average-time counters, in the format JsonHistoryReporter writes.

    make-day-history.py OUT [--reports N] [--counters N] [--interval SECONDS] [--start EPOCH]

Values are deterministic (a seeded generator): a slow daily wave with noise, and a spike of
100x the usual time once an hour, so that charts and roll-ups have something to keep.
"""
import argparse
import math
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--reports", type=int, default=86400)
    parser.add_argument("--counters", type=int, default=20)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--start", type=float, default=1796515200.0)  # 2026-12-06 00:00 UTC
    args = parser.parse_args()

    rng = random.Random(42)
    names = ["service_%03d_time" % i for i in range(args.counters)]
    source = ('{"service":"day-service","host":"web-1","pid":4242,'
              '"process_start":%r,"node":""}' % (args.start - 60.0))
    with open(args.out, "w", encoding="utf-8") as out:
        for report in range(args.reports):
            time = args.start + report * args.interval
            phase = math.sin(2 * math.pi * report * args.interval / 86400.0)
            flat = []
            meta = []
            for index, name in enumerate(names):
                base = 0.001 * (index + 1) * (1.5 + phase)
                mean = base * (1.0 + 0.2 * rng.random())
                if (report + 37 * index) % 3600 == 0:
                    mean = base * 100.0
                low = mean * 0.1
                high = mean * 5.0
                count = 200 + rng.randrange(100)
                flat.append('"%s":%r' % (name, mean))
                meta.append('"%s":{"type":"AverageTimeCounter","unit":"seconds",'
                            '"statistic":"mean","window":300,"count":%d,'
                            '"sub":{"max":%r,"min":%r}}' % (name, count, high, low))
            out.write('{%s,"__collection_time__":%r,"__counters__":{"version":1,"source":%s,'
                      '"counters":{%s}}}\n' % (",".join(flat), time, source, ",".join(meta)))


if __name__ == "__main__":
    main()
