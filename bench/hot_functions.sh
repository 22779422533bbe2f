#!/usr/bin/env bash
# Regenerates build/hot-functions.txt, the order in which release builds on x86-64 Linux link the
# functions (see build.rs): the release binary runs the usual commands under callgrind (with
# its thread pool, whose code differs from a run on one thread), and bench/hot_functions.py lists
# what they executed, the first command's functions first. Run it after a compiler or
# dependency upgrade, which renames the functions (names no longer found are skipped, so a stale
# list only costs memory). Needs valgrind and nm; a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "install valgrind (apt-get install valgrind)" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/ccforge
out=bench/out/hot
rm -rf "$out"
mkdir -p "$out"
collection=bench/out/real-shaped.postman_collection.json
[ -f "$collection" ] || python3 bench/gen_collection.py "$collection" 600
openapi=bench/out/large.openapi.json
[ -f "$openapi" ] || python3 bench/gen_openapi.py "$openapi" 3000 400

n=0
run() {
  n=$((n + 1))
  valgrind --tool=callgrind --dump-instr=yes --compress-pos=no \
    --callgrind-out-file="$out/$(printf %02d $n).callgrind" "$bin" "$@" >/dev/null 2>&1 || true
}
run convert "$collection" -o "$out/postman.json"
run convert "$openapi" -o "$out/openapi.json"
run convert fixtures/convert/postman-v21-features/input.postman_collection.json -o "$out/folder"
run lint fixtures/lint
run lint fixtures/lint --format json
run lint fixtures/lint --format sarif
run fix fixtures/fix/every-problem.json --check
run diff fixtures/diff/old.json fixtures/diff/new.json
run drift fixtures/drift/api.yaml fixtures/drift/connector
mkdir -p build
python3 bench/hot_functions.py "$bin" "$out"/*.callgrind > build/hot-functions.txt
