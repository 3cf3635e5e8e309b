#!/usr/bin/env bash
# Runs the iCalendar module's C paths (encode, decode good and malformed text, expand) under
# AddressSanitizer with LeakSanitizer on: any byte that libical or our wrapper allocates and never frees
# fails the run. Only the iCalendar module is built with the sanitizer, not the whole package.
# (valgrind cannot run Swift programs here: it dies inside libdispatch.)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build-asan
swift build --sanitize=address --scratch-path .build-asan --product ical-leak-check > .build-asan/build.log 2>&1 \
  || { grep -v "Cannot export local symbol" .build-asan/build.log; exit 1; }
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 "$(swift build --sanitize=address --scratch-path .build-asan --show-bin-path)/ical-leak-check" 20
