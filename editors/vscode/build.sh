#!/usr/bin/env bash
# Builds the VS Code extension into editors/vscode/ccforge.vsix (npm and @vscode/vsce, from the
# npm registry). Install it with `code --install-extension editors/vscode/ccforge.vsix`.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm is needed to build the VS Code extension" >&2; exit 2; }
npm ci --no-audit --no-fund --loglevel=error
npm run --silent package
