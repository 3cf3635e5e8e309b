#!/usr/bin/env python3
"""Kills `council export` and `council attend import` with SIGKILL at random moments, many times, and
checks what a crash may leave behind: every file is either its old or its new version, never half-written,
and no attendance record is lost or duplicated; the same for `council answers add`. Also runs pairs of imports at
once, which must both land, and a dozen answers at once beside an import, which must all land.

Usage: scripts/kill-test.py path/to/council [iterations=200]
"""
import csv
import filecmp
import io
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

council = os.path.abspath(sys.argv[1])
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 200
root = pathlib.Path(tempfile.mkdtemp(prefix="council-kill-"))
# Exports on the first day of the year, so that an edit of the plan changes every meeting's event (the
# meetings before today stay as published); imports at its end, since meetings after today are refused.
env = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "COUNCIL_TODAY": "2026-04-01"}
rng = random.Random(2026)


def run(*args, check=True):
    return subprocess.run([council, *args], env=env, check=check, capture_output=True, text=True)


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")}


def timed(*args):
    start = time.monotonic()
    run(*args)
    return time.monotonic() - start


# --- export -------------------------------------------------------------------------------------
plans = root / "plans"
shutil.copytree("plans", plans)
out = root / "calendars"
run("export", str(plans), "--out", str(out))
old = snapshot(out)
for council_dir in ["aoba", "izumi"]:
    yaml = plans / council_dir / "council.yaml"
    yaml.write_text(yaml.read_text().replace("14:00-16:00", "15:00-17:00", 1))
new_out = root / "calendars-new"
shutil.copytree(out, new_out)
full = timed("export", str(plans), "--out", str(new_out), "--full")
new = snapshot(new_out)
changed = [name for name in new if old.get(name) != new[name]]
assert changed, "the second state must change some feeds"

killed = mixed = 0
for i in range(iterations):
    shutil.rmtree(out)
    out.mkdir()
    for name, data in old.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    process = subprocess.Popen([council, "export", str(plans), "--out", str(out), "--full"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, full * 1.2))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        killed += 1
    process.wait()
    now = snapshot(out)
    assert set(now) == set(old), f"iteration {i}: files appeared or vanished: {set(now) ^ set(old)}"
    states = set()
    for name, data in now.items():
        if data == old[name] and data == new[name]:
            continue
        if data == old[name]:
            states.add("old")
        elif data == new[name]:
            states.add("new")
        else:
            raise AssertionError(f"iteration {i}: {name} is neither the old nor the new version")
    if states == {"old", "new"}:
        mixed += 1
    # The next full run finishes the job and leaves no temporary file behind.
    if i % 50 == 49:
        run("export", str(plans), "--out", str(out), "--full")
        assert snapshot(out) == new
        leftovers = [p for p in out.rglob(".*.tmp")]
        assert not leftovers, f"temporary files left: {leftovers}"
print(f"export: {iterations} runs, {killed} killed midway ({mixed} between files), 0 half-written files, full export {full:.2f} s")

# --- attendance import ---------------------------------------------------------------------------
env["COUNCIL_TODAY"] = "2027-03-31"
folder = plans / "izumi"
record = folder / "attendance-2026.csv"
base_record = record.read_bytes()


def rows(data):
    text = data.decode("utf-8-sig")
    return [tuple(r) for r in csv.reader(io.StringIO(text)) if r][1:]


base_rows = rows(base_record)
schedule = run("schedule", str(folder), "--year", "2026", "--format", "tsv").stdout.splitlines()
later = [line.split("\t") for line in schedule if line.split("\t")[3] == "renrakukai" and line.split("\t")[0] > "2026-11-20" and line.split("\t")[4] != "cancelled"]
businesses = [r["id"] for r in csv.DictReader(io.StringIO((folder / "businesses.csv").read_text(encoding="utf-8-sig"))) if r["kind"] == "指定特定"]
sheet_rows = [[date, "renrakukai", business, "出席", "", ""] for date, *_ in later[:2] for business in businesses]
half = len(sheet_rows) // 2
sheets = []
for part in (sheet_rows, sheet_rows[:half], sheet_rows[half:]):
    path = root / f"sheet-{len(sheets)}.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["date", "series", "business", "status", "count", "note"], *part])
    sheets.append(path)
full = timed("attend", "import", str(folder), str(sheets[0]))
after_rows = rows(record.read_bytes())
assert len(after_rows) == len(base_rows) + len(sheet_rows)

killed = 0
for i in range(iterations):
    record.write_bytes(base_record)
    process = subprocess.Popen([council, "attend", "import", str(folder), str(sheets[0])], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, full * 1.2))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        killed += 1
    process.wait()
    now = rows(record.read_bytes())
    assert len(now) == len(set(now)), f"iteration {i}: duplicated records"
    assert set(base_rows) <= set(now), f"iteration {i}: records lost"
    assert len(now) in (len(base_rows), len(base_rows) + len(sheet_rows)), f"iteration {i}: a partial import ({len(now)} rows)"
print(f"import: {iterations} runs, {killed} killed midway, 0 lost or duplicated records, full import {full:.2f} s")

# --- two imports at once ---------------------------------------------------------------------------
for i in range(20):
    record.write_bytes(base_record)
    first = subprocess.Popen([council, "attend", "import", str(folder), str(sheets[1])], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    second = subprocess.Popen([council, "attend", "import", str(folder), str(sheets[2])], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert first.wait() == 0 and second.wait() == 0
    now = rows(record.read_bytes())
    assert len(now) == len(base_rows) + len(sheet_rows) and len(set(now)) == len(now), f"concurrent run {i}: {len(now)} rows"
print("concurrent imports: 20 pairs, both records kept every time")

# --- answers: killed midway, and many processes at once beside an import ------------------------------
answers = folder / "answers-2026.csv"
meeting = later[0][0]
adds = [["answers", "add", str(folder), "renrakukai", meeting, business, "出席", "--note", f"n{index}"] for index, business in enumerate(businesses)]
env["COUNCIL_TODAY"] = "2026-11-21"
full = timed(*adds[0])
answers.unlink()
killed = 0
for i in range(iterations):
    before = len(rows(answers.read_bytes())) if answers.exists() else 0
    process = subprocess.Popen([council, *adds[i % len(adds)]], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, full * 1.2))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        killed += 1
    process.wait()
    now = rows(answers.read_bytes()) if answers.exists() else []
    assert len(now) in (before, before + 1), f"iteration {i}: {before} answers before, {len(now)} after"
    assert all(len(r) == 8 for r in now), f"iteration {i}: a half-written line"
print(f"answers: {iterations} runs, {killed} killed midway, every file whole")
for i in range(10):
    answers.unlink(missing_ok=True)
    record.write_bytes(base_record)
    env["COUNCIL_TODAY"] = "2027-03-31"
    importing = subprocess.Popen([council, "attend", "import", str(folder), str(sheets[1])], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env["COUNCIL_TODAY"] = "2026-11-21"
    running = [subprocess.Popen([council, *add], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for add in adds]
    assert all(p.wait() == 0 for p in running) and importing.wait() == 0
    kept = rows(answers.read_bytes())
    assert sorted(r[6] for r in kept) == sorted(f"n{index}" for index in range(len(adds))), f"concurrent answers {i}: {len(kept)} of {len(adds)} kept"
    assert len(rows(record.read_bytes())) == len(base_rows) + half, f"concurrent answers {i}: the import lost lines"
print(f"concurrent answers: 10 rounds of {len(adds)} processes answering beside an import, every answer and line kept")
shutil.rmtree(root)
