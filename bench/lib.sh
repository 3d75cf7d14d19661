# Helpers the bench scripts share: one timed run, the fastest of several,
# and ratios. Sourced by bench/run.sh and bench/many.sh, with DATA set to
# the folder of the fact sets (GNU time writes each run's memory there).

# once CMD...: prints "seconds peak_kb cpu_seconds" of one run: the wall
# time to the millisecond, the peak resident memory as GNU time reports it,
# and the processor time, user and system, of all its threads. With
# FORGET=1, the kept answers are removed first (the fact set stays cached),
# so that the run is a question asked for the first time.
once() {
  local start end
  [ "${FORGET:-0}" = 1 ] && rm -rf "$CHRONICLE_CACHE_DIR"/*.answers
  start=$(date +%s%N)
  /usr/bin/time -o "$DATA/time.txt" -f "%M %U %S" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
  tail -n 1 "$DATA/time.txt" | awk '{ printf " %s %.2f\n", $1, $2 + $3 }'
}

# keep NAME SECONDS KB [CPU]: keeps the fastest run of NAME, with its memory
# and processor time.
declare -A best_s best_kb best_cpu
keep() {
  if [ -z "${best_s[$1]:-}" ] || awk -v a="$2" -v b="${best_s[$1]}" 'BEGIN { exit !(a < b) }'; then
    best_s[$1]=$2
    best_kb[$1]=$3
    best_cpu[$1]=${4:-}
  fi
}

# ratio A B: A ÷ B (B is never zero: times are in milliseconds or more).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }'; }
