#!/usr/bin/env bash
# Runs the iCalendar tests under AddressSanitizer with LeakSanitizer on: any byte that libical or our
# wrapper allocates and never frees fails the run. XCTest is off: with a filter that matches none of its
# tests its harness leaks a few bytes of its own. (valgrind cannot run Swift test bundles here: it
# dies inside libdispatch before the first test.)
set -euo pipefail
cd "$(dirname "$0")/.."
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
  swift test --disable-xctest --sanitize=address --scratch-path .build-asan --filter ICalendarTests
