#!/usr/bin/env python3
"""Reads back every QR code `council` draws with a decoder no one here wrote (zxing-cpp, from PyPI).

For each bundled council: the letters of `council feed-url --format html` (one per business) and the
subscription page `council publish` writes. Each QR code's SVG path is drawn with Pillow and decoded; the text
must be the webcal URL the same letter or page prints, and the letter's https URL must be its webcal URL's twin.

usage: check-qr.py COUNCIL_BINARY PLANS_DIR
"""
import html
import importlib.metadata
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import zxingcpp
    from PIL import Image, ImageDraw
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "zxing-cpp", "pillow"])
    import zxingcpp
    from PIL import Image, ImageDraw

RUN = re.compile(r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+z")


def decode(svg: str) -> list[str]:
    side = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    scale = 3
    image = Image.new("L", (side * scale, side * scale), 255)
    draw = ImageDraw.Draw(image)
    for x, y, width, height in (map(int, run) for run in RUN.findall(svg)):
        draw.rectangle([x * scale, y * scale, (x + width) * scale - 1, (y + height) * scale - 1], fill=0)
    return [result.text for result in zxingcpp.read_barcodes(image) if result.format == zxingcpp.BarcodeFormat.QRCode]


def check(page: str, webcal: str, where: str) -> tuple[int, list[str]]:
    """(codes read, problems): `page` has one QR code, and it reads `webcal`."""
    svgs = re.findall(r'<div class="qr" role="img" aria-label="[^"]+">(<svg.*?</svg>)</div>', page)
    if len(svgs) != 1:
        return 0, [f"{where}: {len(svgs)} QR codes, not one"]
    texts = decode(svgs[0])
    return len(texts), [] if texts == [webcal] else [f"{where}: the QR code reads {texts}, the page says {webcal}"]


def main() -> int:
    council, plans = sys.argv[1], pathlib.Path(sys.argv[2])
    work = pathlib.Path(tempfile.mkdtemp(prefix="council-qr-"))
    key = work / "feed.key"
    key.write_bytes(os.urandom(32))
    shutil.copytree(plans, work / "plans")
    env = dict(os.environ, COUNCIL_TODAY="2026-12-01")
    base = "https://calendar.example.jp"
    problems, read, letters = [], 0, 0
    for folder in sorted(p for p in (work / "plans").iterdir() if p.is_dir()):
        page = subprocess.run([council, "feed-url", str(folder), "--key-file", str(key), "--base", base, "--format", "html"],
                              check=True, capture_output=True, text=True, env=env).stdout
        for number, letter in enumerate(page.split('<section class="letter"')[1:], 1):
            letters += 1
            https = html.unescape(re.search(r"<code>(https://[^<]+)</code>", letter).group(1))
            webcal = html.unescape(re.search(r"<code>(webcal://[^<]+)</code>", letter).group(1))
            if webcal != "webcal://" + https.removeprefix("https://"):
                problems.append(f"{folder.name} letter {number}: {https} and {webcal} differ")
            count, found = check(letter, webcal, f"{folder.name} letter {number}")
            read, problems = read + count, problems + found
    site = work / "site"
    subprocess.run([council, "publish", str(work / "plans"), "--out", str(site), "--calendars", str(work / "calendars"),
                    "--key-file", str(key), "--public-url", base], check=True, capture_output=True, env=env)
    pages = sorted(site.glob("*/index.html"))
    for index in pages:
        text = index.read_text()
        webcal = html.unescape(re.search(r'href="(webcal://[^"]+)"', text).group(1))
        count, found = check(text, webcal, str(index.relative_to(site)))
        read, problems = read + count, problems + found
    for problem in problems:
        print(problem)
    print(f"{letters} letters and {len(pages)} subscription pages: {read} QR codes read by zxing-cpp {importlib.metadata.version('zxing-cpp')}: {len(problems)} problems")
    shutil.rmtree(work)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
