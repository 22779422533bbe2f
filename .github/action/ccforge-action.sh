#!/usr/bin/env bash
# The steps of the ccforge GitHub Action (action.yml), one per subcommand:
#   validate   check the inputs before anything is installed
#   install    compute the install folder and cache key of this version of the action
#   lint       lint, write SARIF, set the exit-code, findings and sarif-file outputs
#   diff       on a pull request, diff connectors against the base and post one comment
#   verdict    fail the job when lint or diff found what the inputs say to fail on
# Inputs come as environment variables (INPUT_*), never spliced into the script text.
set -euo pipefail

out() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }
fail() {
    printf '::error title=ccforge action::%s\n' "$1"
    exit 1
}
# The lines of a multi-line input, trimmed, without empty lines and comments.
lines() { printf '%s\n' "$1" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' -e '/^#/d'; }
one_of() {
    local name=$1 value=$2
    shift 2
    local v
    for v in "$@"; do [ "$value" = "$v" ] && return 0; done
    fail "input '$name' is '$value'; use one of: $*"
}

validate() {
    one_of fail-on "${INPUT_FAIL_ON:-error}" error warning info never
    one_of format "${INPUT_FORMAT:-github}" github pretty json sarif junit markdown
    one_of upload-sarif "${INPUT_UPLOAD_SARIF:-true}" true false
    one_of diff "${INPUT_DIFF:-true}" true false
    one_of diff-fail-on "${INPUT_DIFF_FAIL_ON:-breaking}" breaking warning never
    one_of comment "${INPUT_COMMENT:-true}" true false
    [ -n "$(lines "${INPUT_PATHS:-}")" ] || fail "input 'paths' is empty; name the connector folders or definitions to lint"
    local p
    while IFS= read -r p; do
        [ -e "$p" ] || fail "input 'paths' names '$p', which does not exist in $(pwd)"
    done < <(lines "${INPUT_PATHS:-}")
    if [ -n "${INPUT_BASELINE:-}" ] && [ ! -f "$INPUT_BASELINE" ]; then
        fail "input 'baseline' names '$INPUT_BASELINE', which is not a file; record one with 'ccforge lint PATHS --write-baseline $INPUT_BASELINE' and commit it"
    fi
    if [ -n "${INPUT_CONFIG:-}" ] && [ ! -f "$INPUT_CONFIG" ]; then
        fail "input 'config' names '$INPUT_CONFIG', which is not a file"
    fi
    if [ -n "${INPUT_PROFILE:-}" ] && ! [[ $INPUT_PROFILE =~ ^[A-Za-z0-9_-]+$ ]]; then
        fail "input 'profile' is '$INPUT_PROFILE'; a profile is a name such as 'certification'"
    fi
    if [ -n "${INPUT_COMMENT_KEY:-}" ] && ! [[ $INPUT_COMMENT_KEY =~ ^[A-Za-z0-9_.-]+$ ]]; then
        fail "input 'comment-key' is '$INPUT_COMMENT_KEY'; use letters, digits, '.', '_' and '-'"
    fi
}

# One folder per version of the action's source and runner: the cache key names the action's
# ref and the runner, and a hash of the sources, so a branch ref that moves gets a new build.
install() {
    local root=${ACTION_PATH:?} hash part parts=()
    for part in Cargo.toml Cargo.lock src schemas; do
        [ -e "$root/$part" ] && parts+=("$part")
    done
    hash=$(cd "$root" && find "${parts[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 cat \
        | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-16)
    local ref=${ACTION_REF:-local}
    ref=${ref//[^A-Za-z0-9._-]/-}
    local dir=${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/ccforge/$hash
    out dir "$dir"
    out key "ccforge-${RUNNER_OS:-os}-${RUNNER_ARCH:-arch}-$ref-$hash"
}

# The lint arguments every run shares, in the array `args`.
lint_args() {
    args=()
    local p
    while IFS= read -r p; do args+=("$p"); done < <(lines "$INPUT_PATHS")
    [ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
    [ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
    [ -n "${INPUT_PROFILE:-}" ] && args+=(--profile "$INPUT_PROFILE")
    return 0
}

lint() {
    local args sarif=${RUNNER_TEMP:-/tmp}/ccforge.sarif
    lint_args
    local code=0
    ccforge lint "${args[@]}" --format "${INPUT_FORMAT:-github}" --fail-on "${INPUT_FAIL_ON:-error}" || code=$?
    out exit-code "$code"
    if [ "$code" -gt 1 ]; then
        # The inputs could not be read: the log says why; no report to upload.
        out findings ""
        return 0
    fi
    rm -f "$sarif"
    ccforge lint "${args[@]}" --format sarif --fail-on never -o "$sarif"
    local findings
    findings=$(jq '[.runs[].results[]] | length' "$sarif")
    out findings "$findings"
    out sarif-file "$sarif"
    if [ "$findings" -gt 0 ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        ccforge lint "${args[@]}" --format markdown --fail-on never >>"$GITHUB_STEP_SUMMARY" || true
    fi
}

# The connector folders under the linted paths that the pull request changed: folders holding
# an apiDefinition.swagger.json (any letter case) now or at the base.
changed_connectors() {
    local base=$1 file dir
    local paths=()
    while IFS= read -r file; do paths+=("${file#./}"); done < <(lines "$INPUT_PATHS")
    git diff --name-only "$base" HEAD -- "${paths[@]}" | while IFS= read -r file; do
        dir=$(dirname "$file")
        if find "$dir" -maxdepth 1 -iname apidefinition.swagger.json 2>/dev/null | grep -q . \
            || git ls-tree --name-only "$base" -- "$dir/" 2>/dev/null | grep -qi '/apidefinition\.swagger\.json$'; then
            printf '%s\n' "$dir"
        fi
    done | LC_ALL=C sort -u
}

diff_() {
    local base_sha=${BASE_SHA:?} base_ref=${BASE_REF:-base}
    # The checkout may be shallow: bring the base commit (not its history).
    git cat-file -e "$base_sha^{commit}" 2>/dev/null \
        || git fetch --no-tags --depth=1 origin "$base_sha" >/dev/null 2>&1 \
        || fail "cannot fetch the base commit $base_sha of the pull request"
    local targets=() p
    if [ -n "$(lines "${INPUT_DIFF_PATHS:-}")" ]; then
        while IFS= read -r p; do targets+=("${p#./}"); done < <(lines "$INPUT_DIFF_PATHS")
    else
        while IFS= read -r p; do targets+=("$p"); done < <(changed_connectors "$base_sha")
    fi
    local key=${INPUT_COMMENT_KEY:-ccforge}
    local marker="<!-- ccforge-diff:$key -->"
    local body=${RUNNER_TEMP:-/tmp}/ccforge-diff-$key.md
    local code=0 breaking=0 changes=0 json one
    {
        printf '%s\n## ccforge diff\n\n' "$marker"
        # shellcheck disable=SC2016 # Markdown code spans, not expansions.
        printf 'Compared with `%s` (%s).\n' "$base_ref" "${base_sha:0:7}"
    } >"$body"
    if [ ${#targets[@]} -eq 0 ]; then
        printf '\nNo connector changed.\n' >>"$body"
    fi
    for p in "${targets[@]}"; do
        # shellcheck disable=SC2016
        printf '\n### `%s`\n\n' "$p" >>"$body"
        if ! git cat-file -e "$base_sha:$p" 2>/dev/null; then
            printf 'New in this pull request.\n' >>"$body"
            continue
        fi
        if [ ! -e "$p" ]; then
            printf 'Removed in this pull request.\n' >>"$body"
            continue
        fi
        one=0
        json=$(ccforge diff "$base_sha:$p" "$p" --format json --fail-on "${INPUT_DIFF_FAIL_ON:-breaking}") || one=$?
        if [ "$one" -gt 1 ]; then
            printf 'ccforge could not compare it (exit %s); the job log says why.\n' "$one" >>"$body"
            code=2
            continue
        fi
        [ "$one" -eq 1 ] && [ "$code" -eq 0 ] && code=1
        breaking=$((breaking + $(jq '.summary.breaking' <<<"$json")))
        changes=$((changes + $(jq '[.summary[]] | add' <<<"$json")))
        # The report's own title is replaced by the path's heading above.
        ccforge diff "$base_sha:$p" "$p" --format markdown --fail-on never | sed '1{/^## /d;}' | sed '1{/^$/d;}' >>"$body"
        # Annotations on the changed lines.
        ccforge diff "$base_sha:$p" "$p" --format github --fail-on never || true
    done
    out diff-exit-code "$code"
    out breaking-changes "$breaking"
    out changes "$changes"
    out comment-file "$body"
    # A comment is at most 65,536 characters.
    if [ "$(wc -c <"$body")" -gt 60000 ]; then
        head -c 60000 "$body" >"$body.cut"
        printf '\n\n… cut: the job summary has the whole report.\n' >>"$body.cut"
        [ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$body" >>"$GITHUB_STEP_SUMMARY"
        mv "$body.cut" "$body"
    elif [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        cat "$body" >>"$GITHUB_STEP_SUMMARY"
    fi
    [ "${INPUT_COMMENT:-true}" = true ] && comment "$marker" "$body" "$changes"
    return 0
}

# Posts the report as the pull request's one ccforge comment: the earlier one (found by its
# marker) is updated; none is made when nothing changed and there is none yet.
comment() {
    local marker=$1 body=$2 changes=$3 repo=${GITHUB_REPOSITORY:?} pr=${PR_NUMBER:?} id
    id=$(gh api --paginate "repos/$repo/issues/$pr/comments" \
        --jq ".[] | select(.body | contains(\"$marker\")) | .id" 2>/dev/null | head -n 1) || id=""
    local result
    if [ -n "$id" ]; then
        result=$(jq -Rs '{body: .}' "$body" | gh api -X PATCH "repos/$repo/issues/comments/$id" --input - --jq .html_url 2>&1) \
            || { printf '::warning title=ccforge action::could not update the comment: %s\n' "$result"; return 0; }
    elif [ "$changes" -gt 0 ]; then
        result=$(jq -Rs '{body: .}' "$body" | gh api -X POST "repos/$repo/issues/$pr/comments" --input - --jq .html_url 2>&1) \
            || { printf '::warning title=ccforge action::could not comment on the pull request (a pull request from a fork gets a read-only token; give the job pull-requests: write, or set comment: false): %s\n' "$result"; return 0; }
    else
        return 0
    fi
    out comment-url "$result"
}

verdict() {
    local lint=${LINT_EXIT:-0} diff=${DIFF_EXIT:-0}
    if [ "$lint" != 0 ]; then
        fail "ccforge lint exited $lint: findings at the fail-on level (${INPUT_FAIL_ON:-error}) or unreadable input; the annotations and the log above say where"
    fi
    if [ "$diff" != 0 ]; then
        fail "ccforge diff exited $diff: changes at the diff-fail-on level (${INPUT_DIFF_FAIL_ON:-breaking}); the pull request comment lists them"
    fi
}

case "${1:-}" in
validate) validate ;;
install) install ;;
lint) lint ;;
diff) diff_ ;;
verdict) verdict ;;
*) fail "unknown step '${1:-}'" ;;
esac
