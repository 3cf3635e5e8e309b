#!/usr/bin/env python3
"""Writes the fictional sample attendance of the bundled councils: plans/<council>/attendance-<year>.csv.

The seed documents give rates, not records; these records are invented, deterministically (seeded), so that
`council review` has something to show: every council's 令和8年度 up to AS_OF, and 泉区's 令和7年度, whose
指定特定 rate is drawn near the 53% the seed reports for 令和7年度.
It drives the real CLI (`council schedule`, `council attend import`), so the files are what a secretariat's
import would write. Usage: scripts/make-sample-attendance.py path/to/council
"""
import csv
import io
import pathlib
import random
import subprocess
import sys
import tempfile

import yaml

council_bin = sys.argv[1]
AS_OF = "2026-11-20"
RATES = {  # chance that an invited business of a kind comes, by council and year
    ("izumi", 2025): {"指定特定": 0.52},
    ("izumi", 2026): {"指定特定": 0.58},
}
DEFAULT = {"指定特定": 0.6, "障害児相談": 0.6, "委託": 0.95, "基幹": 0.95, "地域包括": 0.7, "区役所": 0.95, "その他": 0.6}

for folder in sorted(pathlib.Path("plans").iterdir()):
    council = yaml.safe_load((folder / "council.yaml").read_text())
    businesses = list(csv.DictReader(io.StringIO((folder / "businesses.csv").read_text(encoding="utf-8-sig"))))
    years = [2025, 2026] if folder.name == "izumi" else [2026]
    for year in years:
        rng = random.Random(f"{folder.name}-{year}")
        rates = {**DEFAULT, **RATES.get((folder.name, year), {})}
        tsv = subprocess.run([council_bin, "schedule", str(folder), "--year", str(year), "--format", "tsv"],
                             check=True, capture_output=True, text=True).stdout
        rows = [["date", "series", "business", "status", "count", "note"]]
        series = {s["id"]: s for s in council["series"]}
        for line in tsv.splitlines():
            date, _, _, series_id, status, _ = line.split("\t")
            if series_id not in series or status == "cancelled" or (year == 2026 and date > AS_OF):
                continue
            invite = series[series_id].get("invite", {})
            kinds, listed, excluded = set(invite.get("kinds", [])), set(invite.get("businesses", [])), set(invite.get("exclude", []))
            for business in businesses:
                if business["id"] in excluded or not (business["kind"] in kinds or business["id"] in listed):
                    continue
                roll = rng.random()
                if roll < rates[business["kind"]]:
                    state = "オンライン" if rng.random() < 0.2 else "出席"
                    rows.append([date, series_id, business["id"], state, str(1 + (rng.random() < 0.3)), ""])
                else:
                    state = "欠席連絡あり" if rng.random() < 0.5 else "欠席"
                    rows.append([date, series_id, business["id"], state, "", "業務都合" if state == "欠席連絡あり" else ""])
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as sheet:
            csv.writer(sheet).writerows(rows)
        subprocess.run([council_bin, "attend", "import", str(folder), sheet.name], check=True)
