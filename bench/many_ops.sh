#!/usr/bin/env bash
# Time and peak memory of `fix`, `drift` and `diff` on Swagger 2.0 definitions of N operations
# (bench/gen_many_ops.py: one path with a `get` each, about 240 bytes an operation), for each N
# given [default: 10000 100000 1000000]. Work and memory should grow in step with N: ten times
# the operations, about ten times the seconds and the megabytes.
#   bench/many_ops.sh [N...]        CCFORGE=path/to/ccforge to measure another build
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/many
mkdir -p "$out"
if [ -z "${CCFORGE:-}" ]; then
  cargo build --release --quiet
  CCFORGE=target/release/ccforge
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
measure() { # N NAME COMMAND...
  local n=$1 name=$2; shift 2
  # The command's own exit status is not the point here (drift and diff exit 1 on changes).
  /usr/bin/time -o "$out/time" -f '%e %M' "$@" >/dev/null 2>"$out/err" || true
  local s kb
  read -r s kb < <(tail -1 "$out/time")
  printf '%8s  %-14s %8.2f s %8d MB\n' "$n" "$name" "$s" $((kb / 1024))
}
printf '%8s  %-14s %10s %11s\n' N command time peak
for n in "${sizes[@]}"; do
  def=$out/ops$n.json
  [ -f "$def" ] || python3 bench/gen_many_ops.py "$def" "$n"
  [ -f "$out/ops$n.changed.json" ] || python3 bench/gen_many_ops.py "$out/ops$n.changed.json" "$n" --changed
  [ -f "$out/ops$n.openapi.json" ] || python3 bench/gen_many_ops.py "$out/ops$n.openapi.json" "$n" --openapi3
  echo "# N=$n: $(( $(stat -c %s "$def") / 1024 / 1024 )) MB definition"
  rm -f "$out/fixed$n.json"
  measure "$n" "fix -o" "$CCFORGE" fix "$def" -o "$out/fixed$n.json"
  measure "$n" "fix --check" "$CCFORGE" fix "$def" --check
  measure "$n" "drift (same)" "$CCFORGE" drift "$def" "$def" --format json --fail-on never
  measure "$n" "drift (oas3)" "$CCFORGE" drift "$out/ops$n.openapi.json" "$def" --format json --fail-on never
  measure "$n" "diff" "$CCFORGE" diff "$def" "$out/ops$n.changed.json" --format json --fail-on never
  rm -f "$out/fixed$n.json"
done
