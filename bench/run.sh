#!/usr/bin/env bash
# Whole-command benchmarks of chronicle against the bare-parse baseline, on
# synthetic fact sets of 10k, 100k and 1M events. Prints a Markdown table of
# ratios measured in this one run (the machine is shared and noisy: compare
# ratios, not bare times). Needs GNU time (/usr/bin/time).
#
#   bench/run.sh            # all sizes
#   SIZES="10000 100000" bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-bench-data}
SIZES=${SIZES:-"10000 100000 1000000"}
export CHRONICLE_CACHE_DIR=${CHRONICLE_CACHE_DIR:-$DATA/cache}
mkdir -p "$DATA"

cargo build --release --quiet --bin chronicle --example gen --example baseline
BIN=target/release/chronicle
GEN=target/release/examples/gen
BASE=target/release/examples/baseline

# run CMD...: prints "seconds peak_kb" of the best of $RUNS runs.
run() {
  local best="" mem="" t m
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -o "$DATA/time.txt" -f "%e %M" "$@" >/dev/null 2>&1 || true
    read -r t m < <(tail -n 1 "$DATA/time.txt")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$t
      mem=$m
    fi
  done
  echo "$best $mem"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "| events | file MB | baseline s | check s | check ÷ baseline | check RSS ÷ file | build s | build ÷ baseline | build RSS ÷ file | warm timeline ÷ cold check | warm path ÷ cold check | warm neighbors ÷ cold check |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  RUNS=3
  [ "$n" -ge 1000000 ] && RUNS=2
  f="$DATA/$n.jsonl"
  [ -s "$f" ] || "$GEN" --events "$n" > "$f"
  size=$(stat -L -c %s "$f")
  cat "$f" >/dev/null # every command then reads from the page cache alike
  mb=$(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1048576 }')
  read -r tb _ < <(run "$BASE" "$f")
  read -r tc mc < <(run "$BIN" check "$f")
  rm -rf "$DATA/out"
  read -r tbu mbu < <(run "$BIN" build -f "$f" -o "$DATA/out")
  # Warm the cache, then time repeated queries.
  "$BIN" stats -f "$f" >/dev/null 2>&1 || true
  read -r tt _ < <(run "$BIN" timeline -f "$f" --since 2020-01 --until 2020-01 --json)
  read -r tp _ < <(run "$BIN" path -f "$f" actor-0 actor-1)
  read -r tn _ < <(run "$BIN" neighbors -f "$f" actor-1 --depth 2 --json)
  echo "| $n | $mb | $tb | $tc | $(ratio "$tc" "$tb") | $(ratio "$((mc * 1024))" "$size") | $tbu | $(ratio "$tbu" "$tb") | $(ratio "$((mbu * 1024))" "$size") | $(ratio "$tt" "$tc") | $(ratio "$tp" "$tc") | $(ratio "$tn" "$tc") |"
done
