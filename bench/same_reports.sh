#!/usr/bin/env bash
# Checks that a change to `fix`, `diff` or `drift` leaves their outputs byte for byte as they
# were: runs two ccforge binaries over the corpus (../shared/corpus) and compares the fixed
# definitions, the JSON reports and the exit statuses.
#   - fix -o, fix --check and drift DEF DEF over the first N connectors [default 100, 0 = all]
#   - drift of each OpenAPI 3 spec against its own conversion and against the next one's
#   - diff of the Swagger 2.0 and OpenAPI 3 pairs of corpus/diff
#
# Usage: bench/same_reports.sh OLD_BINARY NEW_BINARY [N]
set -uo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1") new=$(realpath "$2") n=${3:-100}
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "no corpus at $corpus: nothing to compare"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
differ=0 runs=0
same() { # NAME COMMAND... ; OUT in the arguments is where a command writes its file
  local name=$1; shift
  runs=$((runs + 1))
  for tag in old new; do
    local bin=$old; [ $tag = new ] && bin=$new
    rm -f "$work/out.json"
    "$bin" "$@" >"$work/$tag.stdout" 2>"$work/$tag.stderr"
    echo "exit $?" >>"$work/$tag.stdout"
    if [ -f "$work/out.json" ]; then cat "$work/out.json" >>"$work/$tag.stdout"; fi
  done
  if ! cmp -s "$work/old.stdout" "$work/new.stdout" || ! cmp -s "$work/old.stderr" "$work/new.stderr"; then
    echo "DIFFERENT: $name"
    diff "$work/old.stdout" "$work/new.stdout" | head -5
    diff "$work/old.stderr" "$work/new.stderr" | head -5
    differ=$((differ + 1))
  fi
}
defs=()
while IFS= read -r -d '' f; do defs+=("$f"); done < <(find "$corpus/connectors" -name apiDefinition.swagger.json -print0 | sort -z)
[ "$n" -gt 0 ] && defs=("${defs[@]:0:$n}")
for d in "${defs[@]}"; do
  same "fix -o $d" fix "$d" -o "$work/out.json" --format json
  same "fix --check $d" fix "$d" --check --format json
  same "drift $d" drift "$d" "$d" --format json
done
specs=()
while IFS= read -r -d '' f; do specs+=("$f"); done < <(find "$corpus/openapi3" \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) -print0 | sort -z)
prev=""
for s in "${specs[@]}"; do
  "$old" convert "$s" -o "$work/conn.json" >/dev/null 2>&1 || continue
  same "drift $s (own)" drift "$s" "$work/conn.json" --format json
  [ -n "$prev" ] && same "drift $s (other)" drift "$s" "$prev" --format json
  cp "$work/conn.json" "$work/prev.json" && prev="$work/prev.json"
done
pairs="$corpus/diff/swagger2-pairs/openapi-diff/src/modeler/AutoRest.Swagger.Tests/Resource/Swagger"
for o in "$pairs"/old/*.json; do
  same "diff $o" diff "$o" "$pairs/new/$(basename "$o")" --format json
done
while IFS= read -r -d '' b; do
  r=${b/_base./_revision.}
  [ -f "$r" ] && same "diff $b" diff "$b" "$r" --format json
done < <(find "$corpus/diff/openapi3-pairs" -name '*_base.*' -print0 | sort -z)
echo "$runs runs, $differ different"
[ $differ -eq 0 ]
