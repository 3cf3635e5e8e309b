#!/usr/bin/env python3
"""The published site behind a web server that lists folders, and both sites behind nginx as a ward runs them.

On a copy of the bundled plans, `council publish` writes the site; python's http.server (which lists every folder
without an index) serves it. Each folder of the site is asked for: each must answer its index page, never a listing,
and nothing it answers may hold a business's token.

With --nginx, nginx (Debian's package) runs with exactly the repo's deploy/nginx-serve.conf and
deploy/nginx-static.conf — only their documented placeholders replaced: ports on loopback, a self-signed certificate
made by openssl, the folders — in front of `council serve` (as on 2026-12-01) and of the published site, and through
it, over HTTPS: http goes to https; the security headers and HSTS are on every response; the feeds are served with
their ETags, 304 for If-None-Match and If-Modified-Since, and council serve's gzip passed through; the feed's URL
without .ics is no page; a business answers on its page (a POST through nginx, written to answers-2026.csv); no
folder of the static site lists (nor does one behind an nginx with autoindex on); and no token is in either log.

usage: check-site.py COUNCIL_BINARY PLANS_DIR [--nginx]
"""
import csv
import gzip
import http.client
import io
import os
import pathlib
import re
import ssl
import urllib.parse
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


TODAY = "2026-12-01"
HOST = "calendar.example.jp"


def publish(council: str, plans: pathlib.Path, work: pathlib.Path) -> pathlib.Path:
    shutil.copytree(plans, work / "plans")
    (work / "feed.key").write_bytes(b"a key of at least thirty-two bytes, for the test")
    site = work / "site"
    subprocess.run([council, "publish", str(work / "plans"), "--out", str(site), "--calendars", str(work / "calendars"),
                    "--key-file", str(work / "feed.key"), "--public-url", "https://calendar.example.jp"],
                   check=True, capture_output=True, env=dict(os.environ, COUNCIL_TODAY=TODAY))
    return site


def tokens(site: pathlib.Path) -> set[str]:
    """Every business's feed and page token in the site: the names of the files under <council>/feeds/."""
    return {path.name.removesuffix(".ics").removesuffix("-year.html").removesuffix(".html")
            for path in site.glob("*/feeds/*") if path.name != "index.html"}


def check_folders(name: str, base: str, site: pathlib.Path, secret: set[str], client: "HTTPS | None" = None) -> int:
    """Asks `base` (through `client` when it is nginx over HTTPS) for every folder of the site; returns how many."""
    folders = [""] + sorted(str(path.relative_to(site)) + "/" for path in site.rglob("*") if path.is_dir())
    for folder in folders:
        if client:
            status, _, raw = client.request("GET", f"/{folder}")
            body = raw.decode("utf-8", "replace")
        else:
            status, body = get(f"{base}/{folder}")
        check(status == 200 and "<h1>" in body, f"{name}: /{folder} answers its index page ({status})")
        check("Directory listing" not in body and "Index of" not in body, f"{name}: /{folder} is not listed")
        leaked = [token for token in secret if token in body]
        check(not leaked, f"{name}: /{folder} holds {len(leaked)} token(s)")
    return len(folders)


class HTTPS:
    """Requests to nginx on loopback over HTTPS, as to https://calendar.example.jp (the certificate is self-signed)."""

    def __init__(self, port: int):
        self.port = port
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE

    def request(self, method: str, path: str, headers: dict | None = None, body: bytes | None = None) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=15)
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        result = response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        connection.close()
        return result


def nginx_config(repo: pathlib.Path, work: pathlib.Path, ports: dict[str, int], site: pathlib.Path) -> pathlib.Path:
    """The repo's two configs with their placeholders replaced, each replacement checked to be there, in a main
    nginx.conf that keeps nginx's files in `work`."""
    certificate, key = work / "cert.pem", work / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
                    "-keyout", str(key), "-out", str(certificate)], check=True, capture_output=True)
    includes = []
    for name, https, plain in [("nginx-serve.conf", ports["serve"], ports["serve-http"]), ("nginx-static.conf", ports["static"], ports["static-http"])]:
        text = (repo / "deploy" / name).read_text()
        replacements = [("listen 80;", f"listen 127.0.0.1:{plain};"), ("listen [::]:80;\n", ""),
                        ("listen 443 ssl;", f"listen 127.0.0.1:{https} ssl;"), ("listen [::]:443 ssl;\n", ""),
                        ("/etc/ssl/council/fullchain.pem", str(certificate)), ("/etc/ssl/council/privkey.pem", str(key)),
                        ("/var/log/nginx/", f"{work}/")]
        replacements += [("server 127.0.0.1:8080;", f"server 127.0.0.1:{ports['council']};")] if name == "nginx-serve.conf" else [("root /srv/council/site;", f"root {site};")]
        for old, new in replacements:
            if old not in text:
                raise SystemExit(f"check-site: deploy/{name} has no {old.strip()!r}: the check no longer runs the repo's config")
            text = text.replace(old, new)
        (work / name).write_text(text)
        includes.append(f"    include {work / name};")
    temp = work / "nginx-temp"
    temp.mkdir()
    main = work / "nginx.conf"
    main.write_text(f"""worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    access_log {work}/nginx-access.log;
{chr(10).join(includes)}
    # Not the repo's: a careless server with listing on, over the same site.
    server {{ listen 127.0.0.1:{ports["listing"]}; root {site}; autoindex on; }}
}}
""")
    return main


def check_headers(name: str, headers: dict) -> None:
    """The headers of every response: a page's policy lets it load from the site only, anything else's nothing."""
    policy = headers.get("content-security-policy", "")
    page = headers.get("content-type", "").startswith("text/html")
    check("frame-ancestors 'none'" in policy and (not page or "default-src 'self'" in policy) and "script-src 'none'" in policy or policy == "default-src 'none'; frame-ancestors 'none'",
          f"{name}: Content-Security-Policy: {policy!r}")
    check(headers.get("x-content-type-options") == "nosniff", f"{name}: nosniff")
    check(headers.get("referrer-policy") == "no-referrer", f"{name}: Referrer-Policy")
    check(headers.get("strict-transport-security", "").startswith("max-age="), f"{name}: HSTS")


def check_feed_caching(name: str, client: HTTPS, path: str) -> None:
    status, headers, body = client.request("GET", path)
    check(status == 200 and headers.get("content-type", "").startswith("text/calendar") and body.startswith(b"BEGIN:VCALENDAR"), f"{name}: {path} is a feed ({status})")
    etag, modified = headers.get("etag"), headers.get("last-modified")
    check(bool(etag) and bool(modified), f"{name}: {path} has an ETag and Last-Modified")
    check(client.request("GET", path, {"If-None-Match": etag or ""})[0] == 304, f"{name}: If-None-Match gives 304")
    check(client.request("GET", path, {"If-Modified-Since": modified or ""})[0] == 304, f"{name}: If-Modified-Since gives 304")
    status, headers, zipped = client.request("GET", path, {"Accept-Encoding": "gzip"})
    check(status == 200 and headers.get("content-encoding") == "gzip" and gzip.decompress(zipped) == body, f"{name}: gzip when asked, the same feed")


def check_nginx(council: str, repo: pathlib.Path, work: pathlib.Path, site: pathlib.Path, secret: set[str]) -> int:
    """council serve and the static site behind nginx with the repo's configs; returns how many checks ran."""
    ports = {name: free_port() for name in ["council", "serve", "serve-http", "static", "static-http", "listing"]}
    main = nginx_config(repo, work, ports, site)
    work.chmod(0o755)
    tested = subprocess.run(["nginx", "-t", "-c", str(main)], capture_output=True, text=True)
    if tested.returncode != 0:
        raise SystemExit(f"check-site: nginx -t refuses the repo's config: {tested.stderr}")
    public = f"https://{HOST}"
    log = open(work / "serve.log", "w")
    serve = subprocess.Popen([council, "serve", "--plans", str(work / "plans"), "--calendars", str(work / "calendars"), "--key-file", str(work / "feed.key"),
                              "--port", str(ports["council"]), "--public-url", public, "--max-connections-per-client", "512"],
                             env=dict(os.environ, COUNCIL_TODAY=TODAY), stdout=log, stderr=subprocess.STDOUT)
    nginx = subprocess.Popen(["nginx", "-c", str(main), "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    before = len(failures)
    try:
        wait_for(f"http://127.0.0.1:{ports['council']}/")
        wait_for(f"http://127.0.0.1:{ports['listing']}/")
        served, static = HTTPS(ports["serve"]), HTTPS(ports["static"])
        for _ in range(100):
            try:
                served.request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)

        # HTTPS only.
        for name, port in [("serve", ports["serve-http"]), ("static", ports["static-http"])]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/aoba/", headers={"Host": HOST})
            response = connection.getresponse()
            check(response.status == 301 and response.getheader("Location") == f"https://{HOST}/aoba/", f"{name}: http goes to https ({response.status})")
            connection.close()

        # council serve behind nginx.
        rows = list(csv.reader(io.StringIO(subprocess.run([council, "feed-url", str(work / "plans" / "aoba"), "--key-file", str(work / "feed.key"), "--base", public],
                                                          capture_output=True, text=True, check=True, env=dict(os.environ, COUNCIL_TODAY=TODAY)).stdout), delimiter="\t"))
        feed, page = [urllib.parse.urlsplit(url).path for url in (rows[1][1], rows[1][3])]
        for path in ["/", "/aoba/", page, "/aoba/council.ics", feed, "/nowhere"]:
            check_headers(f"serve {path.split('/')[1] or '/'}", served.request("GET", path)[1])
        check_feed_caching("serve", served, "/aoba/council.ics")
        check_feed_caching("serve", served, feed)
        check(served.request("GET", feed.removesuffix(".ics"))[0] == 404, "serve: the feed's URL without .ics is no page")
        status, _, body = served.request("GET", "/aoba/feeds/")
        check(status in (308, 404) and not any(token in body.decode("utf-8", "replace") for token in secret), f"serve: the feeds folder is not listed ({status})")
        status, _, body = served.request("GET", page)
        text = body.decode()
        fields = {name: re.search(f'name="{name}" value="([^"]*)"', text) for name in ["form_token", "kind", "id", "date"]}
        check(status == 200 and all(fields.values()), f"serve: the business's page has an answer form ({status})")
        record = work / "plans" / "aoba" / "answers-2026.csv"
        lines = len(record.read_text(encoding="utf-8-sig").splitlines()) if record.exists() else 0
        if all(fields.values()):
            form = {name: match.group(1) for name, match in fields.items()} | {"answer": "present", "note": "nginx経由"}
            status, headers, _ = served.request("POST", page, {"Content-Type": "application/x-www-form-urlencoded"}, urllib.parse.urlencode(form).encode())
            check(status == 303 and "saved=" in headers.get("location", ""), f"serve: an answer posted through nginx is taken ({status})")
            check(record.exists() and len(record.read_text(encoding="utf-8-sig").splitlines()) == max(lines, 1) + 1 and "nginx経由" in record.read_text(encoding="utf-8-sig"),
                  "serve: the answer is in answers-2026.csv")
        status, _, _ = served.request("POST", page, {"Content-Type": "application/x-www-form-urlencoded"}, b"x" * 20_000)
        check(status == 413, f"serve: nginx refuses a body over its limit ({status})")

        # The static site behind nginx: the same headers, the feeds' 304s, every folder its index.
        for path in ["/", "/aoba/", "/aoba/council.ics", feed]:
            check_headers(f"static {path}", static.request("GET", path)[1])
        check_feed_caching("static", static, feed)
        status, headers, _ = static.request("GET", "/aoba/council.ics")
        check(headers.get("content-type") == "text/calendar; charset=utf-8", f"static: a feed is text/calendar; charset=utf-8 ({headers.get('content-type')})")
        check_folders("nginx (the repo's static config)", f"https://127.0.0.1:{ports['static']}", site, secret, static)
        check_folders("nginx with autoindex on", f"http://127.0.0.1:{ports['listing']}", site, secret)
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)
        serve.terminate()
        serve.wait(timeout=30)
        log.close()
    logs = "".join(path.read_text(errors="replace") for path in [work / "serve.log", work / "council-access.log", work / "council-static-access.log"] if path.exists())
    check("/aoba/..." in logs, "nginx logs each request by its council")
    leaked = [token for token in secret if token in logs]
    check(not leaked, f"no token in nginx's or council serve's log ({len(leaked)} found)")
    return len(failures) - before


def main() -> None:
    council, plans = sys.argv[1], pathlib.Path(sys.argv[2])
    repo = pathlib.Path(__file__).resolve().parent.parent
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

    behind = "--nginx" in sys.argv
    if behind:
        check_nginx(council, repo, work, site, secret)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(f"check-site: {len(failures)} problem(s) (files in {work})")
    shutil.rmtree(work)
    print(f"check-site: {asked} folders through http.server, none listed, no token shown"
          + ("; behind nginx with the repo's configs over HTTPS: headers, HSTS, 304s, gzip, an answer posted, no listing, no token logged" if behind else ""))


if __name__ == "__main__":
    main()
