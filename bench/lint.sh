#!/usr/bin/env bash
# Benchmark of `ccforge lint` on the connector corpus (../shared/corpus/connectors):
#   1. lint with every rule on versus merely parsing the same files (`ccforge parse`, same walk
#      and parallelism), and
#   2. the default (pretty) report against the JSON one, and
#   3. lint versus Spectral (@stoplight/spectral-cli, ruleset spectral:oas) on the same swaggers.
# Prints the ratios. Needs hyperfine (Debian package) and npm; installs Spectral under bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/connectors}
[ -d "$corpus" ] || { echo "no corpus at $corpus; pass its path" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }

cargo build --release --quiet
bin=target/release/ccforge
out=bench/out
mkdir -p "$out"

hyperfine --warmup 2 --runs 10 --ignore-failure --export-json "$out/lint-vs-parse.json" \
  -n parse "$bin parse '$corpus'" \
  -n lint "$bin lint --format=json --fail-on=never '$corpus' >/dev/null"

hyperfine --warmup 1 --runs 5 --ignore-failure --export-json "$out/lint-pretty-vs-json.json" \
  -n json "$bin lint --format=json --fail-on=never '$corpus' >/dev/null" \
  -n pretty "$bin lint --fail-on=never '$corpus' >/dev/null"

if [ ! -x bench/node_modules/.bin/spectral ]; then
  (cd bench && npm install --silent --no-save --prefix . @stoplight/spectral-cli >/dev/null)
fi
printf 'extends: ["spectral:oas"]\n' > "$out/.spectral.yaml"
find "$corpus" -iname '*.swagger.json' -print0 > "$out/swaggers.list"
# Spectral gets the same swagger files, in batches so the command line stays short.
spectral_all="xargs -0 -n 200 bench/node_modules/.bin/spectral lint --quiet --ruleset $out/.spectral.yaml --format json < $out/swaggers.list > /dev/null 2>&1 || true"
hyperfine --warmup 0 --runs 2 --ignore-failure --export-json "$out/lint-vs-spectral.json" \
  -n spectral "$spectral_all" \
  -n lint "$bin lint --format=json --fail-on=never '$corpus' >/dev/null"

# On a busy machine wall times vary; CALLGRIND=1 also counts the instructions of parse and lint
# on one thread (valgrind, a few minutes), a ratio that does not depend on the load.
if [ "${CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null; then
  count() { RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : //p'; }
  p_ir=$(count "$bin" parse "$corpus")
  l_ir=$(count "$bin" lint --format=json --fail-on=never "$corpus")
  python3 -c "print(f'lint / parse     = {$l_ir / $p_ir:.2f}x in instructions ($l_ir / $p_ir)')"
fi

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def means(f):
    r = json.load(open(f"{out}/{f}"))["results"]
    return {x["command"]: x["mean"] for x in r}
a = means("lint-vs-parse.json")
p = means("lint-pretty-vs-json.json")
b = means("lint-vs-spectral.json")
print(f"lint / parse     = {a['lint'] / a['parse']:.2f}x  (target: at most 2x)")
print(f"pretty / json    = {p['pretty'] / p['json']:.2f}x  (the default report against JSON)")
print(f"spectral / lint  = {b['spectral'] / b['lint']:.0f}x  (target: at least 100x)")
PY
