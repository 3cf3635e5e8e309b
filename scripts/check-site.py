#!/usr/bin/env python3
"""The published site behind a web server that lists folders: no folder lists a token.

On a copy of the bundled plans, `council publish` writes the site; python's http.server (which lists every folder
without an index) serves it. Each folder of the site is asked for: each must answer its index page, never a listing,
and nothing it answers may hold a business's token.

usage: check-site.py COUNCIL_BINARY PLANS_DIR
"""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    if not condition:
        failures.append(message)
        print(f"FAIL {message}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"check-site: nothing answers at {url}")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def publish(council: str, plans: pathlib.Path, work: pathlib.Path) -> pathlib.Path:
    shutil.copytree(plans, work / "plans")
    (work / "feed.key").write_bytes(b"a key of at least thirty-two bytes, for the test")
    site = work / "site"
    subprocess.run([council, "publish", str(work / "plans"), "--out", str(site), "--calendars", str(work / "calendars"),
                    "--key-file", str(work / "feed.key"), "--public-url", "https://calendar.example.jp"],
                   check=True, capture_output=True, env=dict(os.environ, COUNCIL_TODAY="2026-12-01"))
    return site


def tokens(site: pathlib.Path) -> set[str]:
    """Every business's feed and page token in the site: the names of the files under <council>/feeds/."""
    return {path.name.removesuffix(".ics").removesuffix("-year.html").removesuffix(".html")
            for path in site.glob("*/feeds/*") if path.name != "index.html"}


def check_folders(name: str, base: str, site: pathlib.Path, secret: set[str]) -> int:
    """Asks `base` for every folder of the site; returns how many were asked."""
    folders = [""] + sorted(str(path.relative_to(site)) + "/" for path in site.rglob("*") if path.is_dir())
    for folder in folders:
        status, body = get(f"{base}/{folder}")
        check(status == 200 and "<h1>" in body, f"{name}: /{folder} answers its index page ({status})")
        check("Directory listing" not in body and "Index of" not in body, f"{name}: /{folder} is not listed")
        leaked = [token for token in secret if token in body]
        check(not leaked, f"{name}: /{folder} holds {len(leaked)} token(s)")
    return len(folders)


def main() -> None:
    council, plans = sys.argv[1], pathlib.Path(sys.argv[2])
    work = pathlib.Path(tempfile.mkdtemp(prefix="council-site-"))
    site = publish(council, plans, work)
    secret = tokens(site)
    check(len(secret) > 40, f"the site holds the businesses' feeds and pages ({len(secret)} tokens)")

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")
        asked = check_folders("http.server", base, site, secret)
    finally:
        server.terminate()
        server.wait(timeout=10)

    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(f"check-site: {len(failures)} problem(s)")
    shutil.rmtree(work)
    print(f"check-site: {asked} folders through http.server, none listed, no token shown")


if __name__ == "__main__":
    main()
