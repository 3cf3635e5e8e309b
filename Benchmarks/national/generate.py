#!/usr/bin/env python3
"""A deterministic national data set in council's own plan format: ~1,741 councils, ~11,500
指定特定相談支援事業所 (most councils 3–12, a few 30–80), 3–6 meeting series each, a 個別SV rotation, a plan for
令和8年度 and ten fiscal years (2017–2026) of attendance at the monthly 連絡会.

Usage: Benchmarks/national/generate.py OUT [councils=1741]
Holidays for the attendance dates come from jpholiday (which agrees with `council holidays` after 1986).
"""
import datetime
import os
import random
import subprocess
import sys

try:
    import jpholiday
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "jpholiday"])
    import jpholiday

out = sys.argv[1]
councils = int(sys.argv[2]) if len(sys.argv) > 2 else 1741
rng = random.Random(1741)
SERIES = [
    ("renrakukai", "相談支援事業所等連絡会", "連絡会", "第2火曜日", "14:00-16:00", "[指定特定, 障害児相談, 委託, 基幹, 区役所]"),
    ("review", "ケースレビュー", "ケースレビュー", "偶数月の第3水曜日", "10:00-12:00", "[指定特定, 委託, 基幹]"),
    ("kenshu", "研修会", "研修会", "6,9,12,3月の第4金曜日", "13:30-16:00", "[指定特定, 障害児相談, 委託, 基幹, 地域包括]"),
    ("unei", "運営会議", "運営会議", "第1月曜日", "10:00-12:00", "[委託, 基幹, 区役所]"),
    ("joho", "情報交換会", "情報交換会", "5,8,11,2月の第3木曜日", "14:00-16:00", "[指定特定, 委託, 地域包括]"),
    ("gsv", "グループスーパービジョン", "GSV", "奇数月の第4水曜日", "18:00-19:30", "[指定特定]"),
]


def business_day(day):
    def closed(d):
        return d.weekday() >= 5 or jpholiday.is_holiday(d) or (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)
    while closed(day):
        day += datetime.timedelta(days=1)
    return day


def second_tuesdays(year):
    for offset in range(12):
        month = (3 + offset) % 12 + 1
        y = year if month >= 4 else year + 1
        first = datetime.date(y, month, 1)
        day = first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)
        yield business_day(day)


total_designated = 0
for index in range(1, councils + 1):
    cid = f"c{index:04d}"
    folder = os.path.join(out, cid)
    os.makedirs(folder, exist_ok=True)
    designated = rng.randint(30, 80) if rng.random() < 0.025 else rng.randint(3, 8)
    total_designated += designated
    rows = ["id,name,kind,opened_on,staff,contact"]
    ids = []
    for n in range(designated):
        opened = datetime.date(rng.randint(2008, 2026), rng.randint(1, 12), 1)
        rows.append(f"d{n:03d},相談支援事業所{index}-{n},指定特定,{opened},{rng.choice([1, 1, 2, 3, 4])},")
        ids.append(f"d{n:03d}")
    others = [("itaku", "委託"), ("kikan", "基幹"), ("kuyakusho", "区役所"), ("houkatsu", "地域包括")][: rng.randint(2, 4)]
    for oid, kind in others:
        rows.append(f"{oid},{kind}{index},{kind},2010-04-01,3,")
    with open(os.path.join(folder, "businesses.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    series = SERIES[: rng.randint(3, 6)]
    lines = [f"id: {cid}", f"name: 第{index}協議会", f"short_name: 第{index}", f"uid_domain: {cid}.example.jp", "secretariat:", f"  name: 第{index}区 障害福祉課", "  contact: 000-0000-0000", "series:"]
    for sid, title, kind, schedule, time, kinds in series:
        lines += [f"  - id: {sid}", f"    title: {title}", f"    kind: {kind}", f"    schedule: {schedule}", f"    time: {time}",
                  f"    venue: 第{index}区役所 会議室", "    invite:", f"      kinds: {kinds}"]
    lead_business = others[0][0]
    lines += ["rotations:", "  - id: kobetsu-sv", "    title: 個別スーパービジョン", "    kind: 個別SV", "    after: renrakukai", "    pool:", "      kinds: [指定特定]",
              "    leads:", f"      - {{id: a, name: 主任A, business: {lead_business}}}", "      - {id: b, name: 主任B, ward_office: true}"]
    with open(os.path.join(folder, "council.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    tasks = ["year: 2026", "title: 令和8年度 計画", "goals: [ネットワークの強化]", "issues:", "  - problem: 課題", "    actions: [取組]", "tasks:"]
    for n, (sid, title, *_rest) in enumerate(series):
        tasks += [f"  - title: {title}の開催", "    months: 毎月" if sid == "renrakukai" else "    months: [4, 6, 8, 10, 12, 2]", "    issue: 1", f"    series: {sid}"]
    with open(os.path.join(folder, "plan-2026.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(tasks) + "\n")
    invited = ids + [oid for oid, kind in others if kind in ("委託", "基幹", "区役所")]
    for year in range(2017, 2027):
        rows = ["date,series,business,status,count,note"]
        for day in second_tuesdays(year):
            for business in invited:
                status = "出席" if rng.random() < 0.55 else rng.choice(["欠席", "欠席連絡あり", "オンライン"])
                rows.append(f"{day},renrakukai,{business},{status},,")
        with open(os.path.join(folder, f"attendance-{year}.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
print(f"{councils} councils, {total_designated} 指定特定相談支援事業所 in {out}")
