#!/usr/bin/env bash
# Checks that a change to the conversion leaves its outputs byte for byte as they were: converts
# the benchmark collection and every Postman collection of the corpus (../shared/corpus/postman)
# with two ccforge binaries, and compares the connector folder (apiDefinition.swagger.json,
# apiProperties.json), the definition written with -o, and the JSON and pretty reports.
#
# Usage: bench/same_outputs.sh OLD_BINARY NEW_BINARY [COLLECTION...]
# Keep a binary of the old version first, e.g. `cp target/release/ccforge /tmp/ccforge-old`.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
shift 2
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  mkdir -p bench/out
  [ -f bench/out/real-shaped.postman_collection.json ] ||
    python3 bench/gen_collection.py bench/out/real-shaped.postman_collection.json 600
  inputs=(bench/out/real-shaped.postman_collection.json)
  if [ -d ../shared/corpus/postman ]; then
    while IFS= read -r -d '' f; do inputs+=("$f"); done < <(find ../shared/corpus/postman -name '*.json' -print0 | sort -z)
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
differ=0
run() { # binary tag input
  local d="$work/$2"
  rm -rf "$d" && mkdir -p "$d"
  # The reports name the output paths: the same ones for both binaries.
  local o="$work/out"
  rm -rf "$o" && mkdir -p "$o"
  set +e
  "$1" convert "$3" --out-dir "$o/folder" --format json 2>"$d/folder.report.json" >/dev/null
  echo "exit $?" >>"$d/status"
  "$1" convert "$3" -o "$o/file.json" 2>"$d/file.report.txt" >/dev/null
  echo "exit $?" >>"$d/status"
  "$1" convert "$3" --format-out yaml 2>"$d/yaml.report.json" >"$d/stdout.yaml" --format json
  echo "exit $?" >>"$d/status"
  set -e
  cp -r "$o/." "$d/" 2>/dev/null || true
}
for f in "${inputs[@]}"; do
  run "$old" old "$f"
  run "$new" new "$f"
  if ! diff -r "$work/old" "$work/new" >"$work/diff" 2>&1; then
    echo "DIFFERENT: $f"
    head -20 "$work/diff"
    differ=1
  fi
done
echo "${#inputs[@]} collections compared"
exit $differ
