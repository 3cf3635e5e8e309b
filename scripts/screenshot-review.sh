#!/usr/bin/env bash
# Renders a council's HTML review and takes a full-page screenshot with headless Chromium, so the report
# can be looked at as the 運営会議 will see it. Installs chromium and Japanese fonts when missing.
#   scripts/screenshot-review.sh [plans/izumi] [out-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
council_dir=${1:-plans/izumi}
out=${2:-scratch}
mkdir -p "$out"
if ! command -v chromium >/dev/null; then
  SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
swift build -q
bin=$(swift build --show-bin-path)/council
name=$(basename "$council_dir")
"$bin" review "$council_dir" --year 2026 --compare 2025 --kind 指定特定 --as-of 2026-11-20 --format html > "$out/review-$name.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,2600 \
  --screenshot="$out/review-$name.png" "file://$(realpath "$out/review-$name.html")" 2>/dev/null
echo "$out/review-$name.html"
echo "$out/review-$name.png"
