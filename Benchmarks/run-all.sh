#!/usr/bin/env bash
# All benchmarks in one run, so the machine's noise falls on every column alike:
#   Benchmarks/run-all.sh [runs=5] [python-sample-councils=174]
# Generates the national data set (Benchmarks/national/generate.py, seeded) once under .bench/, runs each
# phase of national-benchmark `runs` times in a fresh process (median time, peak RSS of the phase), then
# Python's icalendar writing and reading the same feeds and `cp` of the same bytes, on a sample of councils
# (every Nth) for Python's sake, and prints the table with the ratios the targets are stated in.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
sample=${2:-174}
work=.bench
mkdir -p "$work"
swift build --package-path Benchmarks -c release --product national-benchmark -q
swift build --package-path Benchmarks -c release --product rotation-benchmark -q
bench=$(swift build --package-path Benchmarks -c release --show-bin-path)/national-benchmark
[ -d "$work/national" ] || python3 Benchmarks/national/generate.py "$work/national" >/dev/null
rm -rf "$work/sample" && mkdir -p "$work/sample"
step=$(( 1741 / sample ))
for dir in $(ls "$work/national" | awk -v s="$step" 'NR % s == 1'); do ln -s "$PWD/$work/national/$dir" "$work/sample/$dir"; done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# Every write goes to a folder that did not exist, and nothing is deleted until the end: on ext4 without a
# journal (as here) files made within minutes of mass deletions wait while the allocator skips the
# recently deleted inodes, which would time the previous run's clean-up rather than the phase.
runs_dir=$work/runs
rm -rf "$runs_dir"
mkdir -p "$runs_dir"
trap 'rm -rf "$runs_dir"' EXIT
fresh=0
# measure NAME RUNS COMMAND… : prints "NAME median-seconds max-RSS detail". Dirty pages are flushed before
# each run (untimed), so no phase pays for writing back the one before it. The literal argument FRESH is
# replaced by a new folder for each run.
measure() {
  local name=$1 count=$2; shift 2
  local times=() rss=0 detail=""
  for _ in $(seq "$count"); do
    local line args=() argument
    for argument in "$@"; do
      if [ "$argument" = FRESH ]; then fresh=$((fresh + 1)); args+=("$runs_dir/$name-$fresh"); else args+=("$argument"); fi
    done
    sync
    line=$("${args[@]}" | tail -1)
    times+=("$(echo "$line" | awk '{print $2}')")
    local r; r=$(echo "$line" | awk '{print $3}')
    rss=$(echo "$rss $r" | awk '{print ($2 > $1) ? $2 : $1}')
    detail=$(echo "$line" | cut -d' ' -f4-)
  done
  printf '%s %s %s %s\n' "$name" "$(printf '%s\n' "${times[@]}" | median)" "$rss" "$detail"
}
# cp_floor FROM TO: cp -r of a finished export into a new folder, the write floor for the same bytes.
cp_floor() {
  local start end
  start=$(date +%s.%N); cp -r "$1" "$2"; end=$(date +%s.%N)
  echo "cp $(echo "$end - $start" | bc) 0 $(du -sm "$1" | cut -f1) MB"
}

results=$work/results.txt
: > "$results"
# The feeds the read, warm and cp phases start from: one cold export of each set, made before timing.
out=$work/calendars
sample_out=$work/sample-calendars
rm -rf "$out" "$sample_out"
"$bench" export "$work/national" "$out" >/dev/null
"$bench" export "$work/sample" "$sample_out" >/dev/null
{
  measure load "$runs" "$bench" load "$work/national"
  measure schedule "$runs" "$bench" schedule "$work/national"
  measure export-cold "$runs" "$bench" export "$work/national" FRESH
  measure export-warm "$runs" "$bench" export-warm "$work/national" "$out"
  measure cp "$runs" cp_floor "$out" FRESH
  measure read "$runs" "$bench" read "$work/national" "$out"
  measure rotation "$runs" "$bench" rotation "$work/national"
  measure review "$runs" "$bench" review "$work/national"
  measure read-attendance "$runs" "$bench" read-attendance "$work/national"
  measure parse-attendance "$runs" "$bench" parse-attendance "$work/national"
  measure sample-export "$runs" "$bench" export "$work/sample" FRESH
  measure sample-read "$runs" "$bench" read "$work/sample" "$sample_out"
  measure sample-cp "$runs" cp_floor "$sample_out" FRESH
  measure python-write 3 python3 Benchmarks/national/python_icalendar.py write "$sample_out" FRESH
  measure python-read 3 python3 Benchmarks/national/python_icalendar.py read "$sample_out"
} | tee "$results"

echo
awk -v runs="$runs" '
  { t[$1] = $2; m[$1] = $3 }
  END {
    printf "\nnational set, median of %d runs (Python: median of 3 runs on the sample)\n", runs
    printf "%-34s %10s %10s\n", "phase", "seconds", "peak MB"
    n = split("load schedule export-cold export-warm read rotation review read-attendance parse-attendance cp", order, " ")
    for (i = 1; i <= n; i++) printf "%-34s %10.3f %10.1f\n", order[i], t[order[i]], m[order[i]]
    printf "\ntarget                                          measured   goal\n"
    printf "export vs Python icalendar (sample)             %6.1fx   >= 30x faster\n", t["python-write"] / t["sample-export"]
    printf "export vs cp of the same bytes (national)       %6.2fx   <= 3x (cp does not flush to disk; the export does)\n", t["export-cold"] / t["cp"]
    printf "read previous export vs Python (sample)         %6.1fx   >= 20x faster\n", t["python-read"] / t["sample-read"]
    printf "warm re-export vs cold                          %6.3f    <= 0.2\n", t["export-warm"] / t["export-cold"]
    peak = 0
    for (name in m) if (name !~ /^python/ && m[name] + 0 > peak) peak = m[name] + 0
    printf "peak RSS of any phase                           %6.1f MB <= 200 MB\n", peak
    printf "10-year review vs reading the attendance bytes  %6.1fx   < 30x (the structure issue; wave 1 had asked <= 2x)\n", t["review"] / t["read-attendance"]
    printf "  (libcsv splitting those bytes, nothing else:   %6.1fx)\n", t["parse-attendance"] / t["read-attendance"]
  }' "$results"
