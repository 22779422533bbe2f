#!/usr/bin/env bash
# Benchmark of `ccforge convert --split-by tag` on a large OpenAPI 3.0 definition (about 4 MB:
# bench/gen_openapi.py's schemas and operations, each path given one of 15 tags), against a
# plain conversion of the same file and against `--plan`. Prints the wall and CPU times of the
# three (so the split's cost over one conversion is visible), how many connectors the split
# makes and the largest of them. Needs hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
out=bench/out
mkdir -p "$out"
cargo build --release --quiet
bin=target/release/ccforge
input="$out/split.openapi.json"
if [ ! -f "$input" ]; then
  python3 bench/gen_openapi.py "$out/split.untagged.json" "${SCHEMAS:-2400}" "${PATHS:-330}"
  python3 - "$out/split.untagged.json" "$input" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
words = "account order invoice customer product shipment payment refund ticket user team project task note file".split()
for i, (path, item) in enumerate(doc["paths"].items()):
    tag = words[(i // 2) % len(words)].capitalize()
    for method, op in item.items():
        if method != "parameters":
            op["tags"] = [tag]
json.dump(doc, open(sys.argv[2], "w"), indent=2)
PY
fi
size=$(stat -c %s "$input")
echo "input: $input, $size bytes"
rm -rf "$out/split"
# Exit 1 is expected: operations whose schema trees exceed 512 schemas are reported as errors.
hyperfine --warmup 1 --runs 10 --ignore-failure --export-json "$out/split.json" \
  -n convert "$bin convert $input --format json -o $out/split.whole.swagger.json --force 2>/dev/null" \
  -n split "$bin convert $input --split-by tag --force --format json --out-dir $out/split 2>/dev/null" \
  -n plan "$bin convert $input --split-by tag --plan --format json >/dev/null 2>&1"
parts=$(ls "$out/split" | wc -l)
largest=$(stat -c %s "$out"/split/*/apiDefinition.swagger.json | sort -n | tail -1)
python3 - "$out" "$parts" "$largest" <<'PY'
import json, sys
out, parts, largest = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = {x["command"]: x for x in json.load(open(f"{out}/split.json"))["results"]}
print(f"split into {parts} connectors, the largest {largest} bytes")
print(f"{'':8} {'wall s':>8} {'cpu s':>8}")
for name in ("convert", "split", "plan"):
    x = r[name]
    print(f"{name:8} {x['mean']:8.3f} {x['user'] + x['system']:8.3f}")
cpu = lambda n: r[n]["user"] + r[n]["system"]
print(f"split / whole conversion: {r['split']['mean'] / r['convert']['mean']:.2f}x wall, "
      f"{cpu('split') / cpu('convert'):.2f}x cpu")
PY
