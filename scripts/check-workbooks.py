#!/usr/bin/env python3
"""Every bundled council's workbooks as LibreOffice Calc prints them: no 取組 is cut off.

A wrapped cell shows only as many lines as its row is tall; neither Excel nor Calc makes a row taller when it
opens a file. So the grid (`gantt --actual --format xlsx`) and the review (`review --format xlsx`) of every council
in PLANS_DIR are printed to PDF by soffice (headless, one run for them all), and the text of each PDF
(pdftotext, spaces and line breaks taken out) must hold every task name whole: the grid every row of its CSV form
(the plan's tasks and the city's meetings), the review every task of its JSON form (its 計画と実績). The grid must
print on one page. The first page of each PDF is kept as PNG (pdftoppm) for looking at.

usage: check-workbooks.py COUNCIL_BINARY PLANS_DIR [OUT_DIR]
"""
import csv
import io
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

TODAY = "2026-12-01"
failures: list[str] = []


def run(council: str, *args: str) -> bytes:
    result = subprocess.run([council, *args], capture_output=True, env=dict(os.environ, COUNCIL_TODAY=TODAY))
    if result.returncode != 0:
        failures.append(f"council {' '.join(args)}: exit {result.returncode}: {result.stderr.decode()[:400]}")
    return result.stdout


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def grid_names(council: str, folder: pathlib.Path) -> list[str]:
    """The 取組 column of the grid's CSV form (a formula-safe cell's leading ' taken off)."""
    text = run(council, "gantt", str(folder), "--year", "2026", "--actual", "--format", "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    return [re.sub(r"^'(?=[=+\-@\t\r])", "", row[1]) for row in rows[1:] if len(row) > 1]


def review_names(council: str, folder: pathlib.Path) -> list[str]:
    figures = json.loads(run(council, "review", str(folder), "--year", "2026", "--format", "json") or b"{}").get("figures", [])
    return [figure["name"] for figure in figures if figure["section"] == "task"]


def main() -> None:
    council, plans = sys.argv[1], pathlib.Path(sys.argv[2])
    out = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else pathlib.Path(tempfile.mkdtemp(prefix="council-workbooks-"))
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    expected: dict[str, list[str]] = {}
    for folder in sorted(p for p in plans.iterdir() if (p / "council.yaml").exists()):
        grid = out / f"{folder.name}-gantt.xlsx"
        grid.write_bytes(run(council, "gantt", str(folder), "--year", "2026", "--actual", "--format", "xlsx"))
        expected[grid.stem] = grid_names(council, folder)
        review = out / f"{folder.name}-review.xlsx"
        review.write_bytes(run(council, "review", str(folder), "--year", "2026", "--format", "xlsx"))
        expected[review.stem] = review_names(council, folder)
    # A profile of its own, so that a LibreOffice already open on this machine does not take the job.
    profile = (out / "profile").resolve().as_uri()
    converted = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                                *(str(out / f"{stem}.xlsx") for stem in expected)], capture_output=True, text=True, timeout=600)
    if converted.returncode != 0:
        failures.append(f"soffice: exit {converted.returncode}: {converted.stderr[:400]}")
    checked = 0
    for stem, names in expected.items():
        pdf = out / f"{stem}.pdf"
        if not pdf.exists():
            failures.append(f"{pdf.name}: soffice wrote no PDF")
            continue
        text = squeezed(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        missing = [name for name in names if squeezed(name) not in text]
        for name in missing:
            failures.append(f"{pdf.name}: 「{name}」 is not whole in the printed workbook (cut off by its row's height?)")
        if not names:
            failures.append(f"{pdf.name}: no task names to look for")
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
        if stem.endswith("-gantt") and pages != 1:
            failures.append(f"{pdf.name}: the grid prints on {pages} pages, expected one")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))], check=True)
        checked += len(names)
        print(f"{pdf.name}: {pages} page(s), {len(names) - len(missing)} of {len(names)} task names whole")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(f"check-workbooks: {len(failures)} problem(s)")
    print(f"check-workbooks: {len(expected)} workbooks printed by LibreOffice, {checked} task names whole, in {time.monotonic() - started:.0f} s ({out})")


if __name__ == "__main__":
    main()
