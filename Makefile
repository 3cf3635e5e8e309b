# Two entry points, each doing its own set-up on a fresh Debian/Ubuntu machine with Swift:
#   make run   — the main job on the bundled plans/
#   make test  — the test suite
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: run test deps build leak-check lint format

deps:
	@if ! pkg-config --exists libical 2>/dev/null || [ ! -e /usr/include/zlib.h ] || [ ! -e /usr/include/glpk.h ] || [ ! -e /usr/include/qrencode.h ] || [ ! -e /usr/include/csv.h ] || [ ! -e /usr/include/xlsxwriter.h ]; then \
	  echo "installing libical-dev, libglpk-dev, libqrencode-dev, libcsv-dev, libxlsxwriter-dev, pkg-config and zlib1g-dev (apt-get)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libical-dev libglpk-dev libqrencode-dev libcsv-dev libxlsxwriter-dev pkg-config zlib1g-dev >/dev/null; \
	fi

build: deps
	$(SWIFT) build

# The main job: check every council's plan files, write the feeds into calendars/, print each grid.
run: build
	@bin=$$($(SWIFT) build --show-bin-path)/council; \
	$$bin lint plans/ && $$bin export plans/ --out calendars/ && \
	for dir in plans/*/; do echo; $$bin gantt "$$dir" --year 2026; done

# Quiet: a passing run prints its summary, a failing one its issues. The log also goes to .build/test.log, and a
# failure is repeated at the end, where a CI log's tail shows it.
test: deps
	@mkdir -p .build; set -o pipefail; $(SWIFT) test --quiet 2>&1 | tee .build/test.log; status=$$?; \
	if [ $$status -ne 0 ]; then echo "--- failures (from .build/test.log):"; grep -E '^(✘|error:)|error: ' .build/test.log | tail -40; fi; exit $$status

leak-check: deps
	scripts/leak-check.sh

# Every Swift file of the three packages, as .swift-format says (line length 120).
SWIFT_SOURCES = Sources Tests Benchmarks/Sources Fuzz/Sources Package.swift Benchmarks/Package.swift Fuzz/Package.swift
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_SOURCES)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(SWIFT_SOURCES)
