#!/usr/bin/env python3
"""Reads calendars/ with parsers no one here wrote and compares them with `council schedule`.

For every council folder in calendars/: each .ics must parse with Python's `icalendar`, every physical
line must be CRLF-terminated, at most 75 octets and valid UTF-8 on its own, and the council feed
expanded by `recurring-ical-events` over each fiscal year must hold exactly the meetings
`council schedule --format tsv --no-city` prints for the same council and year (the city's meetings are in
its own council.ics, and checked there), and the joint meetings it co-hosts as its schedule with the city has them.

Usage: scripts/check-feeds.py path/to/council [calendars] [plans] [year …]
"""
import datetime
import pathlib
import subprocess
import sys

try:
    import icalendar
    import recurring_ical_events
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "icalendar", "recurring-ical-events"])
    import icalendar
    import recurring_ical_events

council_bin = sys.argv[1]
calendars = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "calendars")
plans = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else "plans")
years = [int(y) for y in sys.argv[4:]] or [2026]
failures = 0
feeds = 0
events = 0


def fail(message):
    global failures
    failures += 1
    print("FAIL", message)


for council_dir in sorted(p for p in calendars.iterdir() if p.is_dir()):
    for path in sorted(council_dir.rglob("*.ics")):
        feeds += 1
        data = path.read_bytes()
        for number, line in enumerate(data.split(b"\n")[:-1], start=1):
            if not line.endswith(b"\r"):
                fail(f"{path}:{number}: line does not end in CRLF")
            if len(line) - 1 > 75:
                fail(f"{path}:{number}: {len(line) - 1} octets")
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                fail(f"{path}:{number}: not UTF-8 on its own")
        icalendar.Calendar.from_ical(data)

    calendar = icalendar.Calendar.from_ical((council_dir / "council.ics").read_bytes())
    for year in years:
        start = datetime.date(year, 4, 1)
        end = datetime.date(year + 1, 4, 1)
        found = set()
        for event in recurring_ical_events.of(calendar).between(start, end):
            events += 1
            uid = str(event["UID"])
            name = uid.split("@")[0]
            if name.startswith(council_dir.name + "-"):
                series, original = name[len(council_dir.name) + 1:].rsplit("-", 1)
            else:
                # A joint meeting the council co-hosts: its council above's, as `council schedule` names it.
                above, rest = name.split("-", 1)
                series, original = rest.rsplit("-", 1)
                series = f"{above}:{series}"
            begin = event["DTSTART"].dt
            finish = event["DTEND"].dt
            status = str(event.get("STATUS", "CONFIRMED"))
            original_date = f"{original[:4]}-{original[4:6]}-{original[6:]}"
            if status == "CANCELLED":
                kind = "cancelled"
            elif begin.date().isoformat() != original_date:
                kind = "moved"
            else:
                kind = "scheduled"
            if str(begin.tzinfo) not in ("Asia/Tokyo", "JST") and begin.utcoffset() != datetime.timedelta(hours=9):
                fail(f"{uid}: DTSTART not in Japan time: {begin!r}")
            found.add((begin.date().isoformat(), begin.strftime("%H:%M"), finish.strftime("%H:%M"), series, kind, original_date))
        out = subprocess.run(
            [council_bin, "schedule", str(plans / council_dir.name), "--year", str(year), "--format", "tsv", "--no-city"],
            check=True, capture_output=True, text=True,
        ).stdout
        expected = {tuple(line.split("\t")) for line in out.splitlines() if line}
        joint = {row[3] for row in found if ":" in row[3]}
        if joint:
            everything = subprocess.run(
                [council_bin, "schedule", str(plans / council_dir.name), "--year", str(year), "--format", "tsv"],
                check=True, capture_output=True, text=True,
            ).stdout
            expected |= {tuple(line.split("\t")) for line in everything.splitlines() if line and line.split("\t")[3] in joint}
        # A meeting moved by an exception keeps its rule's date as identity, so "moved" is read the same way.
        for row in sorted(expected - found):
            fail(f"{council_dir.name} {year}: council schedule has {row}, the feed does not")
        for row in sorted(found - expected):
            fail(f"{council_dir.name} {year}: the feed has {row}, council schedule does not")

print(f"{feeds} feeds read by icalendar {icalendar.__version__}; {events} events expanded by recurring-ical-events: {failures} problems")
sys.exit(1 if failures else 0)
