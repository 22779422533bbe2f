#!/usr/bin/env bash
# Benchmark of `ccforge diff` on two versions of a large Swagger 2.0 definition (the conversion of
# bench/gen_openapi.py's output, about 4.7 MB, and a copy with an operation removed and a
# parameter added) against merely parsing both files (`ccforge parse`). Prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
out=bench/out
mkdir -p "$out"
cargo build --release --quiet
bin=target/release/ccforge
[ -f "$out/large.openapi.json" ] || python3 bench/gen_openapi.py "$out/large.openapi.json"
"$bin" convert "$out/large.openapi.json" -o "$out/diff-old.json" --force --format json 2>/dev/null || true
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
d = json.load(open(f"{out}/diff-old.json"))
paths = list(d["paths"])
del d["paths"][paths[0]]
for op in d["paths"][paths[1]].values():
    if isinstance(op, dict) and "parameters" in op:
        op["parameters"].append({"name": "extra", "in": "query", "type": "string"})
        break
json.dump(d, open(f"{out}/diff-new.json", "w"), indent=2)
PY
echo "inputs: $(stat -c %s "$out/diff-old.json") and $(stat -c %s "$out/diff-new.json") bytes"
hyperfine -N --warmup 1 --runs 10 --export-json "$out/diff.json" \
  -n parse "$bin parse $out/diff-old.json $out/diff-new.json" \
  -n diff "$bin diff $out/diff-old.json $out/diff-new.json --format json --fail-on never"
python3 - "$out" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(f"{sys.argv[1]}/diff.json"))["results"]}
print(f"ccforge diff / parse both (time): {r['diff'] / r['parse']:.1f}x")
PY
