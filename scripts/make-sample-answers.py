#!/usr/bin/env python3
"""Writes the fictional sample answers of 青葉区 (plans/aoba/answers-2026.csv), as if its businesses had answered on
their pages from October: for each 連絡会議 held from 10月 up to AS_OF, most businesses answered beforehand — what
they then did, mostly, and now and then 出席 where the record says they did not come — so that `council review`
shows 事前回答率 and who answered 出席 but was absent.

Deterministic (seeded) and through the real CLI (`council answers add`, each answer on its own day and time with
COUNCIL_TODAY and SOURCE_DATE_EPOCH), so the file is what the command writes (each answer kept as `cli`). Usage: make-sample-answers.py COUNCIL
"""
import calendar
import csv
import datetime
import io
import os
import pathlib
import random
import subprocess
import sys

council_bin = sys.argv[1]
folder = pathlib.Path("plans/aoba")
FROM, AS_OF = "2026-10-01", "2026-11-20"
ANSWER = {"出席": "出席", "オンライン": "オンライン", "欠席連絡あり": "欠席", "欠席": "出席"}  # a 欠席 without notice had said 出席

(folder / "answers-2026.csv").unlink(missing_ok=True)
record = list(csv.DictReader(io.StringIO((folder / "attendance-2026.csv").read_text(encoding="utf-8-sig"))))
rng = random.Random("aoba-answers-2026")
for meeting in sorted({(r["date"], r["series"]) for r in record if FROM <= r["date"] <= AS_OF}):
    day = datetime.date.fromisoformat(meeting[0])
    for line in (r for r in record if (r["date"], r["series"]) == meeting):
        if rng.random() < 0.2:
            continue  # did not answer beforehand
        asked = day - datetime.timedelta(days=rng.randint(4, 12))
        moment = datetime.datetime.combine(asked, datetime.time(rng.randint(0, 8), rng.randint(0, 59)))  # 9:00–17:59 in Japan
        env = dict(os.environ, COUNCIL_TODAY=asked.isoformat(), SOURCE_DATE_EPOCH=str(calendar.timegm(moment.timetuple())))
        answer = ANSWER[line["status"]] if line["status"] != "出席" or rng.random() > 0.05 else "欠席"
        subprocess.run([council_bin, "answers", "add", str(folder), meeting[1], meeting[0], line["business"], answer], check=True, env=env, capture_output=True)
print((folder / "answers-2026.csv").read_text(encoding="utf-8-sig").count("\n") - 1, "answers")
