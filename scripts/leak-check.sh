#!/usr/bin/env bash
# Runs the iCalendar module's C paths (encode, decode good and malformed text, expand) under
# AddressSanitizer with LeakSanitizer on: any byte that libical or our wrapper allocates and never frees
# fails the run. Only the iCalendar module is built with the sanitizer, not the whole package.
# (valgrind cannot run Swift programs here: it dies inside libdispatch.)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --sanitize=address --scratch-path .build-asan --product ical-leak-check -q
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 "$(swift build --sanitize=address --scratch-path .build-asan --show-bin-path)/ical-leak-check" 20
