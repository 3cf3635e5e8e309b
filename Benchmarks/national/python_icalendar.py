#!/usr/bin/env python3
"""Python's icalendar on the same feeds, for the side-by-side ratios of Benchmarks/run-all.sh.

  python_icalendar.py write CALENDARS OUT   rebuilds every feed of CALENDARS with icalendar from the same
                                            event data and writes it to OUT; times only building and writing
  python_icalendar.py read CALENDARS        parses every feed with icalendar.Calendar.from_ical
Prints "phase seconds peak-RSS-MB detail".
"""
import os
import pathlib
import resource
import subprocess
import sys
import time

try:
    import icalendar
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "icalendar"])
    import icalendar

phase, source = sys.argv[1], pathlib.Path(sys.argv[2])
files = sorted(source.rglob("*.ics"))


def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if phase == "read":
    start = time.perf_counter()
    events = 0
    for path in files:
        events += len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    print(f"python-read {time.perf_counter() - start:.3f} {peak():.1f} {events} events")
else:
    out = pathlib.Path(sys.argv[3])
    # The data: every feed's properties, read beforehand and not timed.
    feeds = []
    for path in files:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        header = [(k, v) for k, v in calendar.property_items(recursive=False) if k not in ("BEGIN", "END")]
        zones = [c for c in calendar.walk("VTIMEZONE")]
        events = [[(k, v) for k, v in e.property_items(recursive=False) if k not in ("BEGIN", "END")] for e in calendar.walk("VEVENT")]
        feeds.append((path.relative_to(source), header, zones, events))
    start = time.perf_counter()
    count = 0
    for relative, header, zones, events in feeds:
        calendar = icalendar.Calendar()
        for key, value in header:
            calendar.add(key, value)
        for zone in zones:
            calendar.add_component(zone)
        for properties in events:
            event = icalendar.Event()
            for key, value in properties:
                event.add(key, value)
            calendar.add_component(event)
            count += 1
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(calendar.to_ical())
    print(f"python-write {time.perf_counter() - start:.3f} {peak():.1f} {count} events")
