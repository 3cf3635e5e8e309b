#!/usr/bin/env python3
"""Compares `council holidays` with jpholiday (PyPI), an implementation no one here wrote, for 1948–2099.

Usage: scripts/check-holidays.py path/to/council
Prints each day that differs and exits 1 if any does. Names are compared after mapping jpholiday's
"X 振替休日" to the law's "振替休日". Where jpholiday departs from the law, the law wins and the
difference is listed below with its reason rather than hidden.
"""
import datetime
import subprocess
import sys

try:
    import jpholiday
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "jpholiday"])
    import jpholiday

council = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/council"
years = list(range(1948, 2100))
out = subprocess.run([council, "holidays", *map(str, years)], check=True, capture_output=True, text=True).stdout
ours = {}
for line in out.splitlines():
    day, name = line.split("\t")[:2]
    ours[day] = name

theirs = {}
for year in years:
    for day, name in jpholiday.year_holidays(year):
        if day < datetime.date(1948, 7, 20):
            continue  # the law came into force on 1948-07-20
        theirs[day.isoformat()] = "振替休日" if name.endswith("振替休日") else name

# jpholiday applies two rules before they existed, and names three special days differently.
SUBSTITUTE_RULE = datetime.date(1973, 4, 12)  # 振替休日: 昭和48年法律第10号, in force 1973-04-12
BRIDGE_RULE = datetime.date(1985, 12, 27)     # 国民の休日: 昭和60年法律第103号, in force 1985-12-27
LAW_NAMES = {  # the names in the laws that made these days holidays
    "皇太子・明仁親王の結婚の儀": "皇太子明仁親王の結婚の儀",
    "即位の礼正殿の儀": "即位礼正殿の儀",
    "皇太子・皇太子徳仁親王の結婚の儀": "皇太子徳仁親王の結婚の儀",
}
explained = 0
for day, name in list(theirs.items()):
    date = datetime.date.fromisoformat(day)
    if (name == "国民の休日" and date < BRIDGE_RULE) or (name == "振替休日" and date < SUBSTITUTE_RULE):
        del theirs[day]
        explained += 1
    elif name in LAW_NAMES:
        theirs[day] = LAW_NAMES[name]
        explained += 1

bad = 0
for day in sorted(set(ours) | set(theirs)):
    if ours.get(day) != theirs.get(day):
        bad += 1
        print(f"{day}: council={ours.get(day)!r} jpholiday={theirs.get(day)!r}")
print(f"{len(ours)} holidays 1948–2099 compared with jpholiday: {bad} differ "
      f"({explained} of jpholiday's days set aside where it departs from the law)")
sys.exit(1 if bad else 0)
