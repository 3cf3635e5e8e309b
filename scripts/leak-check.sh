#!/usr/bin/env bash
# Runs the C wrappers' paths under AddressSanitizer with LeakSanitizer on — the iCalendar module's (encode,
# decode good and malformed text, expand), the GLPK solver's (simplex, branch and bound, infeasible) and the QR
# code's (every level, too long), the CSV parser's (long fields, unclosed and stray quotes) and the workbook
# writer's (written, refused half-way): any byte that libical, GLPK, libqrencode, libcsv, libxlsxwriter or our
# wrappers allocate and never frees fails the run (Benchmarks/Package.swift holds the checks). Only those modules are
# built with the sanitizer, not the whole package.
# (valgrind cannot run Swift programs here: it dies inside libdispatch.)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build-asan
swift build --package-path Benchmarks --sanitize=address --scratch-path .build-asan --product ical-leak-check > .build-asan/build.log 2>&1 \
  || { grep -v "Cannot export local symbol" .build-asan/build.log; exit 1; }
swift build --package-path Benchmarks --sanitize=address --scratch-path .build-asan --product glpk-leak-check > .build-asan/build.log 2>&1 \
  || { grep -v "Cannot export local symbol" .build-asan/build.log; exit 1; }
swift build --package-path Benchmarks --sanitize=address --scratch-path .build-asan --product qr-leak-check > .build-asan/build.log 2>&1 \
  || { grep -v "Cannot export local symbol" .build-asan/build.log; exit 1; }
swift build --package-path Benchmarks --sanitize=address --scratch-path .build-asan --product csv-leak-check > .build-asan/build.log 2>&1 \
  || { grep -v "Cannot export local symbol" .build-asan/build.log; exit 1; }
swift build --package-path Benchmarks --sanitize=address --scratch-path .build-asan --product xlsx-leak-check > .build-asan/build.log 2>&1 \
  || { grep -v "Cannot export local symbol" .build-asan/build.log; exit 1; }
bin=$(swift build --package-path Benchmarks --sanitize=address --scratch-path .build-asan --show-bin-path)
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 "$bin/ical-leak-check" 20
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 "$bin/glpk-leak-check" 50
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 "$bin/qr-leak-check" 50
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 "$bin/csv-leak-check" 50
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 "$bin/xlsx-leak-check" 20
