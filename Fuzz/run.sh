#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer + AddressSanitizer) and runs each for a number of inputs, starting
# from the seed corpus in Fuzz/Corpus (the bundled plans and feeds, and nasty cases).
#   Fuzz/run.sh [runs per target=100000] [targets…]
# A crash or a hang (over 10 s) stops the target; its input is kept under Fuzz/.crashes for a regression test.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p .build
runs=${1:-100000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzPlanYAML FuzzRosterCSV FuzzAttendanceCSV FuzzPublishedCSV FuzzAnswersCSV FuzzSlotSheet FuzzSchedule FuzzICalendar FuzzEventEncoding)
# The sanitizer runtime makes the linker print hundreds of harmless warnings; keep them out of sight.
swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library > .build/fuzz-build.log 2>&1 \
  || { grep -v "Cannot export local symbol" .build/fuzz-build.log; exit 1; }
bin=$(swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --show-bin-path)
mkdir -p .crashes
status=0
for target in "${targets[@]}"; do
  work=$(mktemp -d)
  cp Corpus/"$target"/* "$work"/
  start=$(date +%s.%N)
  if "$bin/$target" "$work" -runs="$runs" -timeout=10 -max_len=65536 -rss_limit_mb=4096 \
       -artifact_prefix=.crashes/"$target"- -print_final_stats=1 > "$work.log" 2>&1; then
    result="ok"
  else
    result="FAILED (see Fuzz/.crashes and $work.log)"
    status=1
  fi
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  executed=$(awk '/stat::number_of_executed_units/ {print $2}' "$work.log")
  coverage=$(grep -o 'cov: [0-9]*' "$work.log" | tail -1 | cut -d' ' -f2)
  printf '%-18s %9s inputs  %7.1f s  coverage %6s  %s\n' "$target" "${executed:-?}" "$seconds" "${coverage:-?}" "$result"
  rm -rf "$work"
done
exit $status
