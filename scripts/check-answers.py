#!/usr/bin/env python3
"""Answers and check-in driven through a real browser: headless Chromium (Debian) by selenium (PyPI).

On a copy of the bundled plans, `council serve` runs as on 令和8年12月1日:
1. 相談支援センターあおば北 opens its page (at its page token, the fourth column of `council feed-url`), answers 出席 with a note for the 12月8日
   連絡会議, reloads and sees its answer; a second business answers 欠席.
2. The secretariat opens the console (`council feed-url --secretariat`): it counts 会場 1, 欠席 1.
3. The server is restarted as on 12月9日: the secretariat opens the meeting's check-in from the console, finds it
   pre-filled from the answers (欠席 as 欠席連絡あり), marks one business present that had not answered, and records.
4. `council review --business` (and the review) show the attendance at once; the record of answers holds both answers;
   the server's log names every request by its council only: no business's, console's or form's token is in it.
5. Another site (python's http.server on `localhost`, another origin) frames the business's page and the check-in:
   Chromium refuses both (the page's Content-Security-Policy: frame-ancestors 'none'), so nothing can be clicked through.
Every page is audited with axe-core (0 violations) and screenshotted, and none breaks its own Content-Security-Policy
(no violation in Chromium's log; the forms above work under it); with --screenshots DIR the PNGs are kept there.

usage: check-answers.py COUNCIL_BINARY PLANS_DIR [--screenshots DIR]
"""
import base64
import calendar
import csv
import io
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import Select
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "selenium", "axe-selenium-python==2.1.6"])
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import Select

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)
        print(f"FAIL {message}", file=sys.stderr)


class Server:
    """`council serve` on a loopback port, as on `today`."""

    def __init__(self, council: str, work: pathlib.Path, today: str, port: int):
        self.port = port
        self.base = f"http://127.0.0.1:{self.port}"
        # The clock too, so that the times the pages show are the same on every run: 10:30 in Japan.
        epoch = calendar.timegm(time.strptime(today + " 01:30:00", "%Y-%m-%d %H:%M:%S"))
        env = dict(os.environ, COUNCIL_TODAY=today, SOURCE_DATE_EPOCH=str(epoch))
        self.log = open(work / f"serve-{today}.log", "w")
        self.process = subprocess.Popen([council, "serve", "--plans", str(work / "plans"), "--calendars", str(work / "calendars"), "--key-file", str(work / "feed.key"),
                                         "--port", str(self.port), "--poll", "0.5", "--public-url", self.base], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("council serve did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def council_run(council: str, today: str, *args: str) -> str:
    result = subprocess.run([council, *args], capture_output=True, text=True, env=dict(os.environ, COUNCIL_TODAY=today))
    if result.returncode != 0:
        raise SystemExit(f"council {' '.join(args)}: {result.stderr}")
    return result.stdout


def audit(driver, name: str, shots: pathlib.Path) -> None:
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    for v in results["violations"]:
        failures.append(f"{name}: axe {v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:160]}")
    # The whole page, beyond the window (Chrome DevTools' Page.captureScreenshot).
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (shots / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
    print(f"axe {name}: {len(results['violations'])} violations, {len(results['passes'])} rules passed; screenshot {name}.png")


def follow(driver, element, text: str) -> None:
    """Clicks a link or a form's button and waits for the page it leads to (one holding `text`): a click
    returns before the navigation ends, and an element looked up meanwhile may be the old page's."""
    element.click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            # The old page's element goes stale (or unknown) once the new page has replaced it.
            element.is_enabled()
        except WebDriverException:
            try:
                if text in driver.page_source:
                    return
            except WebDriverException:
                pass
        time.sleep(0.05)
    raise SystemExit(f"check-answers: no page with {text!r} after the click")


def answer(driver, page: str, anchor: str, choice: str, note: str) -> None:
    driver.get(page)
    section = driver.find_element(By.ID, anchor)
    section.find_element(By.CSS_SELECTOR, f"input[name=answer][value={choice}]").click()
    if note:
        section.find_element(By.TAG_NAME, "textarea").send_keys(note)
    follow(driver, section.find_element(By.CSS_SELECTOR, "button[type=submit]"), "回答を受け付けました")


def policy_violations(driver) -> list[str]:
    """Chromium's console messages since the last call that say a page broke its Content-Security-Policy."""
    return [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]


def framed(driver, framer: str, url: str) -> tuple[bool, list[str]]:
    """Whether another site's page that frames `url` shows it (its forms), and Chromium's messages about it."""
    driver.get(framer + "/")
    driver.execute_script("var f = document.createElement('iframe'); f.id = 'f'; f.src = arguments[0]; f.title = 'framed'; document.body.appendChild(f);", url)
    time.sleep(2)
    driver.switch_to.frame(driver.find_element(By.ID, "f"))
    try:
        shown = bool(driver.find_elements(By.CSS_SELECTOR, "form button[type=submit]"))
    except WebDriverException:
        shown = False
    driver.switch_to.default_content()
    return shown, policy_violations(driver)


def main() -> None:
    council, plans = sys.argv[1], pathlib.Path(sys.argv[2])
    keep = pathlib.Path(sys.argv[sys.argv.index("--screenshots") + 1]) if "--screenshots" in sys.argv else None
    work = pathlib.Path(tempfile.mkdtemp(prefix="council-answers-"))
    shutil.copytree(plans, work / "plans")
    (work / "feed.key").write_bytes(b"a key of at least thirty-two bytes, for the test")
    shots = keep or work / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    aoba = work / "plans" / "aoba"
    kita, minami, hirose = "aoba-itaku-kita", "aoba-itaku-minami", "hirose"
    anchor = "a-m-renrakukai-2026-12-08"

    options = webdriver.ChromeOptions()
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400", "--lang=ja"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = Server(council, work, "2026-12-01", port)
    try:
        # Each line: the name, the feed's https and webcal URLs, and the page's URL.
        rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(council_run(council, "2026-12-01", "feed-url", str(aoba), "--key-file", str(work / "feed.key"), "--base", server.base)), delimiter="\t")}
        urls = {name: row[0] for name, row in rows.items()}
        names = {b["id"]: b["name"] for b in csv.DictReader(io.StringIO((aoba / "businesses.csv").read_text(encoding="utf-8-sig")))}
        page = {b: rows[names[b]][2] for b in (kita, minami)}
        feed = urllib.request.urlopen(urls[names[kita]], timeout=10)
        check(feed.status == 200 and feed.headers["Content-Type"].startswith("text/calendar"), "the feed's URL serves the feed")
        try:
            urllib.request.urlopen(urls[names[kita]].removesuffix(".ics"), timeout=10)
            check(False, "the feed's URL without .ics opens no page")
        except urllib.error.HTTPError as error:
            check(error.code == 404, f"the feed's URL without .ics: {error.code}")

        # 1. The business answers and sees its answer, also after a reload.
        driver.get(page[kita])
        form_token = driver.find_element(By.CSS_SELECTOR, "input[name=form_token]").get_attribute("value")
        answer(driver, page[kita], anchor, "present", "2名で伺います")
        section = driver.find_element(By.ID, anchor).text
        check("回答を受け付けました" in section and "現在の回答: 出席" in section and "2名で伺います" in section, f"after answering: {section[:200]}")
        driver.get(page[kita])
        section = driver.find_element(By.ID, anchor).text
        check("現在の回答: 出席" in section and "回答を受け付けました" not in section, f"after a reload: {section[:200]}")
        check(driver.find_element(By.CSS_SELECTOR, f"#{anchor} input[value=present]").is_selected(), "the answer is the form's choice")
        audit(driver, "business-page", shots)
        answer(driver, page[minami], anchor, "absent", "研修と重なるため")
        check("現在の回答: 欠席" in driver.find_element(By.ID, anchor).text, "the second business's answer")

        # 2. The console counts them.
        console = council_run(council, "2026-12-01", "feed-url", str(aoba), "--secretariat", "--key-file", str(work / "feed.key"), "--base", server.base).strip()
        check(console.split("/")[-1] not in driver.page_source, "the console's token is not on a business's page")
        driver.get(console)
        tally = driver.find_element(By.CSS_SELECTOR, f"[aria-labelledby='{anchor}-h']").text
        check("会場 1 / オンライン 0 / 欠席 1 / 未回答 19" in tally and "2名で伺います" in tally, f"the console's tally: {tally[:300]}")
        audit(driver, "console", shots)
        violations = policy_violations(driver)
        check(not violations, f"no page breaks its own Content-Security-Policy: {violations[:3]}")
    finally:
        server.stop()

    # 3. The day after the meeting: check-in from the console.
    server = Server(council, work, "2026-12-09", port)
    try:
        driver.get(console)
        follow(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/checkin/renrakukai/2026-12-08']"), f'id="s-{hirose}"')
        check(Select(driver.find_element(By.ID, f"s-{kita}")).first_selected_option.get_attribute("value") == "present", "kita's answer pre-fills 出席")
        check(Select(driver.find_element(By.ID, f"s-{minami}")).first_selected_option.get_attribute("value") == "excused", "minami's 欠席 pre-fills 欠席連絡あり")
        check(Select(driver.find_element(By.ID, f"s-{hirose}")).first_selected_option.get_attribute("value") == "", "no answer, nothing chosen")
        Select(driver.find_element(By.ID, f"s-{hirose}")).select_by_value("online")
        audit(driver, "check-in", shots)
        follow(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"), "出欠を記録しました")
        check("出欠を記録しました" in driver.page_source, "the check-in is recorded")
        check("<td>欠席連絡あり</td>" in driver.page_source, "the page shows what was recorded")
        violations = policy_violations(driver)
        check(not violations, f"the check-in keeps its Content-Security-Policy: {violations[:3]}")
        checkin = driver.current_url.split("?")[0]

        # 5. Another site frames the answer page and the check-in: refused, nothing to click through.
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            framer_port = s.getsockname()[1]
        (work / "framer").mkdir()
        (work / "framer" / "index.html").write_text('<!DOCTYPE html><html lang="en"><head><title>another site</title></head><body><h1>another site</h1></body></html>')
        framer = subprocess.Popen([sys.executable, "-m", "http.server", str(framer_port), "--bind", "127.0.0.1", "--directory", str(work / "framer")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            # localhost is another origin than 127.0.0.1, where the server is.
            framer_base = f"http://localhost:{framer_port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(framer_base + "/", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            for name, url in [("the business's page", page[kita]), ("the check-in", checkin)]:
                shown, messages = framed(driver, framer_base, url)
                check(not shown, f"{name} is not shown in another site's frame")
                check(any("frame-ancestors" in message for message in messages), f"{name}: Chromium refuses the frame by frame-ancestors: {messages[:2]}")
        finally:
            framer.terminate()
            framer.wait(timeout=10)
    finally:
        server.stop()
        driver.quit()

    # No token — a business's, the console's, a form's — is in the server's log, which did log every request.
    secrets = [url.rsplit("/", 1)[-1].removesuffix(".ics").removesuffix(".html") for row in rows.values() for url in row if "/feeds/" in url] + [console.rsplit("/", 1)[-1], form_token]
    logs = "".join(path.read_text() for path in work.glob("serve-*.log"))
    check("POST /aoba/feeds/…" in logs and "GET /aoba/secretariat/…" in logs and "POST /aoba/secretariat/…" in logs, "the log names each request by its council")
    check(len(secrets) > 20 and not any(secret in logs for secret in secrets), "no token in the server's log")

    # 4. The review sees it at once, and the record of answers holds both.
    year = json.loads(council_run(council, "2026-12-09", "review", str(aoba), "--business", kita, "--format", "json"))
    meeting = next(m for m in year["meetings"] if m["date"] == "2026-12-08" and m["series"] == "renrakukai")
    check(meeting["state"] == "present" and meeting["counted"], f"review --business: {meeting}")
    review = council_run(council, "2026-12-09", "review", str(aoba), "--year", "2026")
    check("事前回答率" in review, "the review shows the reply rate")
    attendance = (aoba / "attendance-2026.csv").read_text(encoding="utf-8-sig")
    for line in [f"2026-12-08,renrakukai,{kita},出席", f"2026-12-08,renrakukai,{minami},欠席連絡あり", f"2026-12-08,renrakukai,{hirose},オンライン"]:
        check(line in attendance, f"attendance-2026.csv has {line}")
    answers = [a for a in csv.DictReader(io.StringIO((aoba / "answers-2026.csv").read_text(encoding="utf-8-sig"))) if a["date"] == "2026-12-08"]
    check([(a["business"], a["answer"], a["by"]) for a in answers] == [(kita, "出席", "page-r0"), (minami, "欠席", "page-r0")], f"answers-2026.csv: {answers}")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(f"check-answers: {len(failures)} problem(s)")
    print(f"check-answers: answered in the browser, counted on the console, checked in and reviewed; 3 pages, 0 axe violations, none framed by another site (screenshots in {shots})")


if __name__ == "__main__":
    main()
