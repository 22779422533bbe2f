#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60), one after the other, and prints how many inputs
# each ran. The seed corpus is the project's own fixtures, copied into a temporary directory per
# target (deleted afterwards); crashing inputs are kept in fuzz/artifacts/TARGET/.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      (all targets when none is named)
#
# Targets run one at a time; run two scripts with different targets to use two cores.
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Exits 1 when a target
# crashed, timed out or ran out of memory.
set -euo pipefail

secs="${1:-60}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
all=(json yaml detect postman openapi3 lint diff)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# Release build with debug assertions (integer overflow panics too), no sanitizer: the code is
# safe Rust, and a panic is what is sought.
# FUZZ_NO_BUILD=1 runs the targets as last built.
[ -n "${FUZZ_NO_BUILD:-}" ] || (cd "$root" && cargo +nightly fuzz build --fuzz-dir "$here" -s none -a)
triple="$(rustc +nightly -vV | sed -n 's/^host: //p')"
bin="$here/target/$triple/release"

seed() { # TARGET DIR: the fixtures a target starts from
    local t="$1" dir="$2" n=0
    mkdir -p "$dir"
    if [ "$t" = diff ]; then
        # Pairs joined by a NUL byte: the diff fixtures' old/new sides, then neighbouring fixtures.
        local prev=""
        while IFS= read -r f; do
            if [ -n "$prev" ]; then
                { cat "$prev"; printf '\0'; cat "$f"; } >"$dir/pair$n"
                n=$((n + 1))
            fi
            prev="$f"
        done < <(find "$root/fixtures/diff" "$root/fixtures/drift" -type f \( -name '*.json' -o -name '*.yaml' \) | sort)
        { cat "$root/fixtures/diff/old.json"; printf '\0'; cat "$root/fixtures/diff/new.json"; } >"$dir/old-new"
    else
        while IFS= read -r f; do
            cp "$f" "$dir/seed$n"
            n=$((n + 1))
        done < <(find "$root/fixtures" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.txt' \) | sort)
    fi
}

status=0
printf '%-10s %12s %8s  %s\n' target runs seconds result
for t in "${targets[@]}"; do
    tmp="$(mktemp -d)"
    seed "$t" "$tmp/corpus"
    mkdir -p "$tmp/cwd" "$here/artifacts/$t"
    log="$tmp/log"
    # In an empty directory, so that relative `$ref`s in generated documents read nothing.
    set +e
    (cd "$tmp/cwd" && "$bin/$t" "$tmp/corpus" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix="$here/artifacts/$t/" -print_final_stats=1) >"$log" 2>&1
    rc=$?
    set -e
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    took="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)"
    if [ $rc -eq 0 ]; then
        result=ok
    else
        status=1
        result="FAILED: $(grep -m1 -E 'panicked|ERROR: libFuzzer' "$log" || true) $(grep -m1 -o 'Test unit written to .*' "$log" || true)"
        cp "$log" "$here/artifacts/$t/last.log"
    fi
    printf '%-10s %12s %8s  %s\n' "$t" "${runs:-?}" "${took:--}" "$result"
    rm -rf "$tmp"
done
exit $status
