#!/usr/bin/env python3
"""Checks every page and workbook `council` makes with tools no one here wrote.

- Accessibility: axe-core (bundled by axe-selenium-python 2.1.6) in headless Chromium through selenium, every rule
  it runs by default: each page must have 0 violations (JIS X 8341-3:2016 AA = WCAG 2.0 AA, and axe's best practices).
- Print: each page printed to PDF by Chromium, read by poppler's pdfinfo: the grid is one A4 landscape page, every
  other page A4 portrait. The first page of each PDF is kept as PNG (pdftoppm) for looking at.
- Workbooks: the xlsx of gantt, review (the city's meetings counted apart too) and review --business read back by
  openpyxl: the same numbers as the JSON and CSV the same command prints.

The pages: for each bundled council the grid (plan and --actual), the review (with --compare and --explain where an
earlier year is recorded), the plan, a business's year, the next month's notices and one notice, the letters of
feed-url, and the published site (index, council page, a business's page and its year).

usage: check-pages.py COUNCIL_BINARY PLANS_DIR [OUT_DIR]
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

try:
    import openpyxl
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "selenium", "axe-selenium-python==2.1.6", "openpyxl"])
    import openpyxl
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

TODAY = "2026-12-01"
A4 = (595, 842)  # points, rounded
failures: list[str] = []


def run(council: str, *args: str) -> bytes:
    env = dict(os.environ, COUNCIL_TODAY=TODAY)
    result = subprocess.run([council, *args], capture_output=True, env=env)
    if result.returncode != 0:
        failures.append(f"council {' '.join(args)}: exit {result.returncode}: {result.stderr.decode()[:400]}")
    return result.stdout


def pages(council: str, plans: pathlib.Path, out: pathlib.Path) -> list[tuple[pathlib.Path, str]]:
    """Writes every page into `out`; returns each with its expected paper: 'landscape' or 'portrait'."""
    made = []

    def page(name: str, paper: str, *args: str) -> None:
        path = out / f"{name}.html"
        path.write_bytes(run(council, *args))
        made.append((path, paper))

    for folder in sorted(p for p in plans.iterdir() if (p / "council.yaml").exists()):
        c = folder.name
        page(f"{c}-grid", "landscape", "gantt", str(folder), "--year", "2026", "--format", "html")
        page(f"{c}-grid-actual", "landscape", "gantt", str(folder), "--year", "2026", "--actual", "--format", "html")
        review = ["review", str(folder), "--year", "2026", "--format", "html", "--explain"]
        if (folder / "attendance-2025.csv").exists():
            review += ["--compare", "2025"]
        page(f"{c}-review", "portrait", *review)
        page(f"{c}-plan", "portrait", "plan", str(folder), "--year", "2026")
        if (folder / "businesses.csv").exists():  # a council above councils has its members' businesses only
            business = next(line.split(",")[0] for line in (folder / "businesses.csv").read_text(encoding="utf-8-sig").splitlines()[1:] if line)
            page(f"{c}-business", "portrait", "review", str(folder), "--business", business, "--format", "html")
        page(f"{c}-notices", "portrait", "notice", str(folder), "--all-upcoming", "--format", "html")
    page("aoba-notice", "portrait", "notice", str(plans / "aoba"), "renrakukai", "2026-12-08", "--format", "html")
    key = out / "feed.key"
    key.write_bytes(b"k" * 32)
    page("miyagino-letters", "portrait", "feed-url", str(plans / "miyagino"), "--key-file", str(key), "--base", "https://calendar.example.jp", "--format", "html")
    site = out / "site"
    run(council, "publish", str(plans), "--out", str(site), "--key-file", str(key), "--public-url", "https://calendar.example.jp", "--calendars", str(out / "calendars"))
    made.append((site / "index.html", "portrait"))
    made.append((site / "miyagino" / "index.html", "portrait"))
    business_pages = sorted((site / "miyagino" / "feeds").glob("*.html"))
    made += [(p, "portrait") for p in business_pages if not p.name.endswith("-year.html")][:1]
    made += [(p, "portrait") for p in business_pages if p.name.endswith("-year.html")][:1]
    return made


def accessibility(files: list[pathlib.Path]) -> None:
    options = webdriver.ChromeOptions()
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    try:
        for path in files:
            driver.get(path.resolve().as_uri())
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
            violations = results["violations"]
            for v in violations:
                failures.append(f"{path.name}: axe {v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['html'][:160]}")
            print(f"axe {path.name}: {len(violations)} violations, {len(results['passes'])} rules passed")
    finally:
        driver.quit()


def printed(path: pathlib.Path, paper: str, out: pathlib.Path) -> None:
    pdf = out / "pdf" / (str(path.relative_to(out).with_suffix("")).replace("/", "-")[:60] + ".pdf")
    pdf.parent.mkdir(exist_ok=True)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.resolve().as_uri()], capture_output=True, check=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    width, height = (round(float(x)) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    expected = (A4[1], A4[0]) if paper == "landscape" else A4
    if (width, height) != expected:
        failures.append(f"{pdf.name}: {width}x{height} pt, expected A4 {paper} {expected[0]}x{expected[1]}")
    if paper == "landscape" and count != 1:
        failures.append(f"{pdf.name}: the grid prints on {count} pages, expected one")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))], check=True)
    print(f"pdf {pdf.name}: {count} page(s), {width}x{height} pt")


def workbooks(council: str, plans: pathlib.Path, out: pathlib.Path) -> None:
    folder = str(plans / "izumi")
    # The review: every business's, series' and month's figures as the JSON gives them.
    book = out / "review.xlsx"
    book.write_bytes(run(council, "review", folder, "--year", "2026", "--compare", "2025", "--format", "xlsx"))
    figures = json.loads(run(council, "review", folder, "--year", "2026", "--compare", "2025", "--format", "json"))["figures"]
    wb = openpyxl.load_workbook(book)
    sheets = {"series": ("会議体別", 1), "month": ("月別", 1), "business": ("事業所別", 2), "kind": ("種別", 1)}
    for section, (sheet, offset) in sheets.items():
        expected = [f for f in figures if f["section"] == section]
        rows = [r for r in wb[sheet].iter_rows(min_row=4, values_only=True) if r[0] is not None]
        # A month whose meetings are all 未記録 has a row saying so and no figure: it is among the JSON's unrecorded.
        unrecorded = [r for r in rows if r[offset + 6] == "未記録"]
        rows = [r for r in rows if r[offset + 6] != "未記録"]
        months = {f"{int(f['date'][5:7])}月" for f in figures if f["section"] == "unrecorded"}
        check(all(r[0] in months for r in unrecorded), f"review.xlsx {sheet}: 未記録 rows {[r[0] for r in unrecorded]}, JSON's unrecorded months {sorted(months)}")
        check(len(rows) == len(expected), f"review.xlsx {sheet}: {len(rows)} rows, JSON has {len(expected)}")
        for row, figure in zip(rows, expected):
            attended, online, excused, absent, unanswered, invited, rate = row[offset:offset + 7]
            check(row[0] == figure["name"], f"review.xlsx {sheet}: {row[0]} vs {figure['name']}")
            check((attended, invited, online, excused, absent) == (figure["attended"], figure["invited"], figure["online"], figure["excused"], figure["absent"]), f"review.xlsx {sheet} {row[0]}: counts {row} vs {figure}")
            check(figure["rate"] is None and rate is None or abs(rate - figure["rate"]) < 5e-5, f"review.xlsx {sheet} {row[0]}: rate {rate} vs {figure['rate']}")
            check(isinstance(attended, (int, float)) and not isinstance(attended, bool), f"review.xlsx {sheet}: counts are numbers")
        cell = wb[sheet].cell(row=4, column=offset + 7)
        check(cell.number_format == "0%", f"review.xlsx {sheet}: 参加率 shown as {cell.number_format}")
    # The city's meetings counted apart: one row per series as the JSON's "above" figures, then their total.
    above = [f for f in figures if f["section"] == "above"]
    rows = [r for r in wb["仙台市の会議"].iter_rows(min_row=4, values_only=True) if r[0] is not None] if "仙台市の会議" in wb.sheetnames else []
    check(len(above) > 0 and len(rows) == len(above) + 1, f"review.xlsx 仙台市の会議: {len(rows)} rows, JSON has {len(above)} series and the total")
    for row, figure in zip(rows, above):
        check(row[0] == figure["name"] and (row[1], row[2], row[3], row[4], row[6]) == (figure["attended"], figure["online"], figure["excused"], figure["absent"], figure["invited"]), f"review.xlsx 仙台市の会議: {row} vs {figure}")
    if rows:
        check(rows[-1][0] == "計" and list(rows[-1][1:7]) == [sum(r[i] for r in rows[:-1]) for i in range(1, 7)], f"review.xlsx 仙台市の会議: 計 {rows[-1]} is not the sum")
    overall = next(f for f in figures if f["section"] == "overall" and f["key"] == "2026")
    summary = list(wb["概要"].iter_rows(min_row=4, max_row=4, values_only=True))[0]
    check(summary[0] == "参加率" and abs(summary[1] - overall["rate"]) < 5e-5 and summary[2:4] == (overall["attended"], overall["invited"]), f"review.xlsx 概要: {summary} vs {overall}")
    print(f"xlsx review: {len(wb.sheetnames)} sheets {wb.sheetnames}, figures equal the JSON")

    # A business's year: its rate, the council's, and one line per meeting.
    miyagino = str(plans / "miyagino")
    book = out / "business.xlsx"
    book.write_bytes(run(council, "review", miyagino, "--business", "sakuragaoka", "--format", "xlsx"))
    data = json.loads(run(council, "review", miyagino, "--business", "sakuragaoka", "--format", "json"))
    wb = openpyxl.load_workbook(book)
    first = list(wb["概要"].iter_rows(min_row=4, max_row=5, values_only=True))
    for row, rate in zip(first, [data["rate"], data["councilRate"]]):
        check((row[1], row[6]) == (rate["attended"], rate["invited"]) and abs(row[7] - rate["rate"]) < 1e-9, f"business.xlsx 概要: {row} vs {rate}")
    past = [m for m in data["meetings"] if m["state"] != "upcoming"]
    rows = [r for r in wb["会議と出欠"].iter_rows(min_row=4, values_only=True) if r[0]]
    check(len(rows) == len(past), f"business.xlsx 会議と出欠: {len(rows)} rows, JSON has {len(past)}")
    print(f"xlsx business: {wb.sheetnames}, rate {first[0][7]:.4f} = JSON {data['rate']['rate']:.4f}")

    # The grid: every cell as the CSV grid has it; one A4 landscape page.
    aoba = str(plans / "aoba")
    book = out / "grid.xlsx"
    book.write_bytes(run(council, "gantt", aoba, "--year", "2026", "--actual", "--format", "xlsx"))
    csv_rows = [line.split(",") for line in run(council, "gantt", aoba, "--year", "2026", "--actual", "--format", "csv").decode("utf-8-sig").splitlines()]
    wb = openpyxl.load_workbook(book)
    ws = wb.active
    grid = [tuple("" if v is None else str(v) for v in r) for r in ws.iter_rows(min_row=3, max_row=2 + len(csv_rows) - 1, values_only=True)]
    header = csv_rows[0]
    for csv_row, row in zip(csv_rows[1:], grid):
        check(list(row[2:14]) == csv_row[-12:], f"grid.xlsx row {row[0]}: {row[2:14]} vs CSV {csv_row[-12:]}")
    # fitToWidth and fitToHeight default to 1 (ECMA-376 §18.3.1.64): left out, they mean one page each way.
    fit = ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight in (None, 1) and ws.page_setup.fitToWidth in (None, 1)
    check(ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9 and fit, "grid.xlsx: A4 landscape, fit to one page")
    check(ws.print_area is not None, "grid.xlsx: a print area")
    print(f"xlsx grid: {len(grid)} rows equal the CSV grid ({len(header)} columns), A4 landscape on one page")


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)


def main() -> None:
    council, plans = sys.argv[1], pathlib.Path(sys.argv[2])
    out = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else pathlib.Path(tempfile.mkdtemp(prefix="council-pages-"))
    out.mkdir(parents=True, exist_ok=True)
    made = pages(council, plans, out)
    accessibility([path for path, _ in made])
    for path, paper in made:
        printed(path, paper, out)
    workbooks(council, plans, out)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(f"check-pages: {len(failures)} problem(s)")
    print(f"check-pages: {len(made)} pages, 0 axe violations, every PDF on A4, the workbooks equal the text outputs ({out})")


if __name__ == "__main__":
    main()
