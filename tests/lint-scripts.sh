#!/usr/bin/env bash
# Lints the project's scripts: its shell with ShellCheck (Debian's, installed as root when
# missing) at severity warning, sourced files followed (-x): every tracked script, by its
# name or its #! line (the launcher, .ci/run, tests/, ci/, bench/, the hosts' init); its Perl
# (the hosts' helpers in containers/nix-host/, which run in every host) with perl -cw: each
# compiles, without a warning. Each tool is first shown to refuse a bad script.
# Exit: 0 clean, 1 findings, 3 a tool missing or not refusing.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[lint-scripts] %s\n' "$*" >&2; }
. tests/lib.sh   # is_debian_root, apt_install

command -v perl >/dev/null 2>&1 || { say "error: perl is needed (Debian's perl-base has it)"; exit 3; }
if ! command -v shellcheck >/dev/null 2>&1; then
  if is_debian_root; then apt_install shellcheck
  else say "error: shellcheck is needed: install it and retry"; exit 3; fi
fi
# The negative twins first: a clean result means nothing from a tool that refuses nothing.
if printf '#!/bin/bash\necho "$never_set"\n' | shellcheck -S warning - >/dev/null; then
  say "error: shellcheck passed a script with a warning (SC2154): its verdicts below would mean nothing"; exit 3
fi
if printf 'my $x = ;\n' | perl -cw - >/dev/null 2>&1; then
  say "error: perl -c passed a script that does not compile: its verdicts below would mean nothing"; exit 3
fi

scripts=() perls=()
while IFS= read -r f; do
  [ -f "$f" ] || continue   # a tracked file deleted in the work tree is not linted
  # By its name, or its #! line (bash, sh, env sh, perl).
  case "$f $(head -n 1 "$f")" in
    *.sh\ *|*' #!'*bash*|*' #!'*/sh|*' #!'*' sh') scripts+=("$f") ;;
    *' #!'*perl*) perls+=("$f") ;;
  esac
done < <(git ls-files)

found=0
if shellcheck -x -S warning "${scripts[@]}"; then say "${#scripts[@]} shell scripts: no warning"; else found=1; fi
perl_found=0
for f in "${perls[@]}"; do
  # -c compiles without running; any line but "FILE syntax OK" is a warning or an error.
  out=$(perl -cw "$f" 2>&1) || true
  if [ "$out" != "$f syntax OK" ]; then printf '%s\n' "$out" >&2; perl_found=1; fi
done
if [ "$perl_found" = 0 ]; then say "${#perls[@]} Perl scripts: each compiles, no warning"; else found=1; fi
if [ "$found" = 1 ]; then say "findings above"; exit 1; fi
