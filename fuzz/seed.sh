#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/TARGET, not committed) from the
# bundled facts and the bad-input suite. Run from anywhere:
#   bash fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")"
root=..
targets=(toml_reader json_reader jsonl_reader jsonl_decoders load_export edtf)
for t in "${targets[@]}"; do mkdir -p "corpus/$t"; done

# Each reader gets every fact file of its encoding, good and bad.
seed() { # extension target
  find "$root/facts" "$root/tests/bad" -type f -name "*.$1" -print0 |
    while IFS= read -r -d '' f; do
      cp "$f" "corpus/$2/$(basename "$(dirname "$f")")-$(basename "$f")"
    done
}
seed toml toml_reader
seed json json_reader
# The bundled facts as one JSON document of the plain shape, which is read
# as it comes rather than whole.
cp seeds/facts.json corpus/json_reader/seeds-facts.json
seed jsonl jsonl_reader
seed jsonl jsonl_decoders

# load_export: the first byte chooses the encoding (0 TOML, 1 JSON, 2 JSON Lines).
prefix() { # byte-escape target
  for f in "corpus/$2"/*; do
    { printf "$1"; cat "$f"; } >"corpus/load_export/$2-$(basename "$f")"
  done
}
prefix '\000' toml_reader
prefix '\001' json_reader
prefix '\002' jsonl_reader

# edtf: every form of the README's table, and every date of the bundled facts.
i=0
for d in 2024-03-22 2024-03 2024 2024-03-22T19:58:00+03:00 2016~ 2021? 2020% 201X 20XX \
  2024-XX 2024-03-XX 2024-21 2024-24 2024-03-07/2024-03-22 2024-03-22/.. ../2024 \
  2024-03-22/ /2024-04-02 1984~/2004-06 -0043-03-15 Y170000002 Y-170000002 \
  2024-02-30 2004-06~-11 '[1667,1668]' 1XXX 2024-03-22T10:00:00Z; do
  printf '%s' "$d" >"corpus/edtf/readme-$i"
  i=$((i + 1))
done
grep -rhoE '"(date|published)": *"[^"]*"|(date|published) = "[^"]*"' "$root/facts" |
  sed -E 's/.*"([^"]*)"$/\1/' | sort -u |
  while IFS= read -r d; do
    printf '%s' "$d" >"corpus/edtf/facts-$(printf '%s' "$d" | cksum | cut -d' ' -f1)"
  done
for t in "${targets[@]}"; do echo "$t: $(ls "corpus/$t" | wc -l) seeds"; done
