#!/usr/bin/env bash
# Runs the test suite. When Python is available, first installs the independent Swagger 2.0
# validator (openapi-spec-validator, from PyPI) into target/validator-venv so that the corpus
# tests can check converted and fixed definitions with it; without it those checks are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/validator-venv
if [ -z "${CCFORGE_VALIDATOR_PYTHON:-}" ] && command -v python3 >/dev/null; then
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import openapi_spec_validator' 2>/dev/null; then
        mkdir -p target
        python3 -m venv "$venv" && "$venv/bin/pip" install --quiet openapi-spec-validator \
            || echo "note: could not install openapi-spec-validator; independent validation is skipped" >&2
    fi
    if "$venv/bin/python" -c 'import openapi_spec_validator' 2>/dev/null; then
        export CCFORGE_VALIDATOR_PYTHON="$PWD/$venv/bin/python"
    fi
fi
exec cargo test "$@"
