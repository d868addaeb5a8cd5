#!/usr/bin/env bash
# Lints the project's bash with ShellCheck (Debian's, installed as root when missing), at
# severity warning: every tracked script (the launcher, .ci/run, tests/, ci/, bench/, the host's init). Sourced files
# are followed (-x). Exit: 0 clean, 1 findings, 3 no shellcheck.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[lint-scripts] %s\n' "$*" >&2; }
. tests/lib.sh   # is_debian_root, apt_install

if ! command -v shellcheck >/dev/null 2>&1; then
  if is_debian_root; then apt_install shellcheck
  else say "error: shellcheck is needed: install it and retry"; exit 3; fi
fi
# Its negative twin first: a script with a warning must be refused, or a clean result means nothing.
if printf '#!/bin/bash\necho "$never_set"\n' | shellcheck -S warning - >/dev/null; then
  say "error: shellcheck passed a script with a warning (SC2154): its verdicts below would mean nothing"; exit 3
fi
# Every tracked file that is a script: by its name, or by its #! line (the launcher, .ci/run, the host's init).
mapfile -t scripts < <(git ls-files | while IFS= read -r f; do
  case "$f" in
    *.sh) echo "$f" ;;
    *) if [ -f "$f" ] && head -n 1 "$f" | grep -q '^#!.*\(bash\|/sh\)'; then echo "$f"; fi ;;
  esac; done)
if shellcheck -x -S warning "${scripts[@]}"; then say "${#scripts[@]} scripts: no warning"
else say "findings above"; exit 1; fi
