#!/usr/bin/env bash
# Whole-command benchmarks of chronicle against the bare-parse baseline, on
# synthetic fact sets of 10k, 100k and 1M events. Prints a Markdown table of
# ratios measured in this one run (the machine is shared and noisy: compare
# ratios, not bare times). Needs GNU time (/usr/bin/time) for memory.
#
#   bench/run.sh            # all sizes
#   SIZES="10000 100000" bench/run.sh
#   BY_DATE=1 bench/run.sh  # the same facts, events in date order
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-bench-data}
SIZES=${SIZES:-"10000 100000 1000000"}
export CHRONICLE_CACHE_DIR=${CHRONICLE_CACHE_DIR:-$DATA/cache}
mkdir -p "$DATA"

# The program on its own, as `cargo build --release` makes it: built in one
# command with the examples, it would take the features their
# dev-dependencies turn on, and be another binary than the one measured.
cargo build --release --quiet --bin chronicle
cargo build --release --quiet --example gen --example baseline
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/chronicle
GEN=$TARGET/release/examples/gen
BASE=$TARGET/release/examples/baseline

# shellcheck source=bench/lib.sh
source bench/lib.sh

# run CMD...: prints "seconds peak_kb" of the fastest of $RUNS runs.
run() {
  local t m
  unset 'best_s[run]' 'best_kb[run]'
  for _ in $(seq "$RUNS"); do
    read -r t m _ < <(once "$@")
    keep run "$t" "$m"
  done
  echo "${best_s[run]} ${best_kb[run]}"
}

rss() { ratio "$(($1 * 1024))" "$2"; }

declare -A check_s build_s
questions=""
heavy=""

echo "| events | file MiB | baseline s | check s | check ÷ baseline | check RSS ÷ file | build s | build ÷ baseline | build CPU ÷ baseline | build RSS ÷ file | first query RSS ÷ file | exports MiB | writing as many bytes ÷ baseline |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  # As many runs at every size: the best of more runs is lower, so sizes
  # compared for growth are timed alike.
  RUNS=3
  if [ "${BY_DATE:-0}" = 1 ]; then
    f="$DATA/$n-by-date.jsonl"
    [ -s "$f" ] || "$GEN" --events "$n" --by-date > "$f"
  else
    f="$DATA/$n.jsonl"
    [ -s "$f" ] || "$GEN" --events "$n" > "$f"
  fi
  size=$(stat -L -c %s "$f")
  cat "$f" >/dev/null # every command then reads from the page cache alike
  mb=$(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1048576 }')
  # The baseline, check and build take turns, so that each ratio compares
  # runs made in the same minutes: the machine's other work comes and goes.
  for k in base check build write; do unset "best_s[$k]" "best_kb[$k]"; done
  for _ in $(seq "$RUNS"); do
    read -r t m _ < <(once "$BASE" "$f")
    keep base "$t" "$m"
    read -r t m _ < <(once "$BIN" check "$f")
    keep check "$t" "$m"
    rm -rf "$DATA/out" "$CHRONICLE_CACHE_DIR"
    # build reads and validates the facts itself (no cache), then exports.
    read -r t m c < <(once env CHRONICLE_CACHE=off "$BIN" build -f "$f" -o "$DATA/out")
    keep build "$t" "$m" "$c"
    # The floor under build: writing as many bytes as its exports hold, and
    # nothing else, into a new file in the same folder, 64 KiB at a time as
    # build's exports write them (at 1 MiB a write, the same bytes took
    # this machine's kernel three to eight times as long). The exports are
    # removed first, as before build, so that the system has as much
    # written data waiting to go to disk as when build began.
    out_bytes=$(du -sb "$DATA/out" | cut -f1)
    rm -rf "$DATA/out" "$DATA/write-floor"
    read -r t m _ < <(once dd if=/dev/zero of="$DATA/write-floor" bs=64K count=$((out_bytes / 65536 + 1)) status=none)
    keep write "$t" "$m"
    rm -f "$DATA/write-floor"
  done
  tb=${best_s[base]} tc=${best_s[check]} mc=${best_kb[check]}
  tbu=${best_s[build]} mbu=${best_kb[build]}
  # The first query loads and validates the facts and stores them.
  read -r _ mf _ < <(RUNS=1 run "$BIN" stats -f "$f")
  check_s[$n]=$tc
  build_s[$n]=$tbu
  out_mb=$(awk -v s="$out_bytes" 'BEGIN { printf "%.0f", s / 1048576 }')
  echo "| $n | $mb | $tb | $tc | $(ratio "$tc" "$tb") | $(rss "$mc" "$size") | $tbu | $(ratio "$tbu" "$tb") | $(ratio "${best_cpu[build]}" "$tb") | $(rss "$mbu" "$size") | $(rss "$mf" "$size") | $out_mb | $(ratio "${best_s[write]}" "$tb") |"
  # Each question twice: new (the facts come from the cache, the kept
  # answers are removed before each run) and repeated (from its kept answer).
  for q in "timeline --since 2020-01 --until 2020-01 --json" "path actor-0 actor-1" "neighbors actor-1 --depth 2 --json" "show actor-1"; do
    # shellcheck disable=SC2086 # the question is split into its words
    read -r tq mq _ < <(FORGET=1 run "$BIN" $q -f "$f")
    # shellcheck disable=SC2086
    read -r tr mr _ < <(run "$BIN" $q -f "$f")
    questions+="| $n | \`${q}\` | $(ratio "$tq" "$tc") | $(rss "$mq" "$size") | $(ratio "$tr" "$tc") | $(rss "$mr" "$size") |"$'\n'
  done
  # Questions whose answer is most of the set, asked once, new: the
  # busiest actor's card, the most cited source, the whole timeline, and
  # the whole graph's neighbourhood (a --limit far past the default).
  for q in "show actor-0" "sources src-0 --json" "timeline --json" "neighbors actor-0 --depth 3 --limit 100000000 --json"; do
    # shellcheck disable=SC2086
    read -r tq mq _ < <(FORGET=1 RUNS=1 run "$BIN" $q -f "$f")
    heavy+="| $n | \`${q}\` | $(ratio "$tq" "$tc") | $(rss "$mq" "$size") |"$'\n'
  done
done
echo
echo "| events | question | new ÷ cold check | new RSS ÷ file | repeated ÷ cold check | repeated RSS ÷ file |"
echo "|---|---|---|---|---|---|"
printf '%s' "$questions"
echo
echo "| events | question whose answer is most of the set | new ÷ cold check | new RSS ÷ file |"
echo "|---|---|---|---|"
printf '%s' "$heavy"
if [ -n "${check_s[100000]:-}" ] && [ -n "${check_s[1000000]:-}" ]; then
  echo
  echo "Growth from 100k to 1M events: check $(ratio "${check_s[1000000]}" "${check_s[100000]}")×, build $(ratio "${build_s[1000000]}" "${build_s[100000]}")×"
fi
