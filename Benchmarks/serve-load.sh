#!/usr/bin/env bash
# Load on `council serve` and on nginx serving the same feed file, side by side, on loopback only.
#   Benchmarks/serve-load.sh [seconds=10] [connections=32]
# Installs wrk and nginx (Debian packages) when missing; builds council in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk nginx >/dev/null
fi
swift build -c release --product council -q
council=$(swift build -c release --show-bin-path)/council
work=$(mktemp -d)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r plans "$work/plans"
cp -r calendars "$work/calendars"
chmod -R a+rX "$work"
"$council" serve --plans "$work/plans" --calendars "$work/calendars" --port 18090 --public-url http://127.0.0.1:18090 > "$work/council.log" 2>&1 &
echo $! > "$work/council.pid"
cat > "$work/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/calendar ics; }
  server {
    listen 127.0.0.1:18091;
    root $work/calendars;
    etag on;
    charset utf-8;
  }
}
CONF
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" &
sleep 2
feed=aoba/council.ics
for target in "council serve=http://127.0.0.1:18090/$feed" "nginx=http://127.0.0.1:18091/$feed"; do
  name=${target%%=*}
  url=${target#*=}
  curl -sf -o /dev/null "$url" || { echo "$name is not answering at $url"; exit 1; }
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  printf '%-14s %10s req/s   p99 %8s   errors: %s\n' "$name" "$rps" "$p99" "${errors:-0}"
done
