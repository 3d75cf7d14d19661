#!/usr/bin/env bash
# The same facts as one file and as a folder of many small files: the 1M
# set of bench/run.sh cut into files of LINES lines (JSON Lines, and the
# same parts as JSON documents, lists of tagged records), as an extraction
# tool writing a file per report leaves them. Runs the bare-parse baseline
# on the one file and `check` on each input by turns, three times, and
# prints the best time of each with its ratios (the machine is shared and
# noisy: compare ratios within one run). Needs GNU time for memory.
#
#   bench/many.sh
#   LINES=10 bench/many.sh               # smaller files, ten times as many
#   BIN=path/to/chronicle bench/many.sh  # another build of chronicle
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-bench-data}
LINES=${LINES:-100}
N=1000000
export CHRONICLE_CACHE=off
mkdir -p "$DATA"

cargo build --release --quiet --bin chronicle
cargo build --release --quiet --example gen --example baseline
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${BIN:-$TARGET/release/chronicle}
BASE=$TARGET/release/examples/baseline

one="$DATA/$N.jsonl"
[ -s "$one" ] || "$TARGET/release/examples/gen" --events "$N" > "$one"

# The parts, made once for each LINES.
lines_dir="$DATA/many-$LINES-jsonl"
json_dir="$DATA/many-$LINES-json"
if [ ! -d "$lines_dir" ]; then
  mkdir -p "$lines_dir.tmp"
  split -l "$LINES" -d -a 6 --additional-suffix=.jsonl "$one" "$lines_dir.tmp/part-"
  mv "$lines_dir.tmp" "$lines_dir"
fi
if [ ! -d "$json_dir" ]; then
  mkdir -p "$json_dir.tmp"
  for f in "$lines_dir"/*.jsonl; do
    out="$json_dir.tmp/$(basename "$f" .jsonl).json"
    { echo '['; sed '$!s/$/,/' "$f"; echo ']'; } > "$out"
  done
  mv "$json_dir.tmp" "$json_dir"
fi

# shellcheck source=bench/lib.sh
source bench/lib.sh

for _ in 1 2 3; do
  read -r t m _ < <(once "$BASE" "$one"); keep baseline "$t" "$m"
  read -r t m _ < <(once "$BIN" check "$one"); keep one "$t" "$m"
  read -r t m _ < <(once "$BIN" check "$lines_dir"); keep lines "$t" "$m"
  read -r t m _ < <(once "$BIN" check "$json_dir"); keep json "$t" "$m"
done

bytes() { du -sb --apparent-size "$1" | cut -f1; }
count() { find "$1" -type f | wc -l; }

echo "| input | files | MiB | check s | ÷ baseline | ÷ one file | RSS ÷ size |"
echo "|---|---|---|---|---|---|---|"
row() {
  local name=$1 key=$2 path=$3 size
  size=$(bytes "$path")
  echo "| $name | $(count "$path") | $((size >> 20)) | ${best_s[$key]} | $(ratio "${best_s[$key]}" "${best_s[baseline]}") | $(ratio "${best_s[$key]}" "${best_s[one]}") | $(ratio "$((best_kb[$key] * 1024))" "$size") |"
}
row "one JSON Lines file" one "$one"
row "JSON Lines, $LINES lines a file" lines "$lines_dir"
row "JSON documents, $LINES records a file" json "$json_dir"
echo
echo "Baseline (serde_json into IgnoredAny, one thread, the one file): ${best_s[baseline]} s."
