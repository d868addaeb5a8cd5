#!/usr/bin/env bash
# A stand-in for ./dispatchcheck in tests/ci-recipe.sh's plumbing cases (and for a dry run:
# copy it to DIR/dispatchcheck, then DISPATCHCHECK=DIR/dispatchcheck tests/ci-recipe.sh):
# no Docker, no Java. It takes
# only what ci/farm-check.sh passes, 'check [--before OLD [--fail-on-move]] --matrix M FARM',
# refuses anything else (exit 2), and writes a report where the real one goes, beside
# itself: reports/runs/<run>/check-FARM/<pair>/. It calls a cell moved when the two farms'
# files differ, naming the example's move, and exits as the real check would: 1 under the
# gate when they differ, else 0. STUB_ARGS=FILE records its arguments, one a line, and
# the before farm's files with their SHA-256.
# shellcheck disable=SC2016 # Markdown's backticks are meant literally
set -euo pipefail
say() { printf '[stub] %s\n' "$*" >&2; }
bad() { say "error: $*"; exit 2; }

[ "${1:-}" = check ] || bad "not a check: $*"
shift
before="" gate="" matrix="" farm=""
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before=${2:?}; shift 2 ;;
    --fail-on-move) gate=1; shift ;;
    --matrix) matrix=${2:?}; shift 2 ;;
    -*) bad "unknown option $1" ;;
    *) [ -z "$farm" ] || bad "two farms: $farm and $1"; farm=$1; shift ;;
  esac
done
if [ -z "$farm" ] || [ -z "$matrix" ]; then bad "no farm or no --matrix"; fi
for d in "$farm" ${before:+"$before"}; do
  case "$d" in /*) ;; *) bad "$d is relative: the launcher runs from its own directory" ;; esac
  [ -f "$d/agent/etc/nix/nix.conf" ] || bad "$d is no farm: no agent/etc/nix/nix.conf"
done
[ -z "$gate" ] || [ -n "$before" ] || bad "--fail-on-move without --before"
if [ -n "${STUB_ARGS:-}" ]; then
  { printf '%s\n' check ${before:+--before "$before"} ${gate:+--fail-on-move} --matrix "$matrix" "$farm"
    if [ -n "$before" ]; then (cd "$before" && find . -type f -exec sha256sum {} + | sort -k2 | sed 's/^/before: /'); fi
  } >"$STUB_ARGS"
fi

say "checking $farm (Nix $matrix)${before:+ against $before}"
run="$(cd "$(dirname "$0")" && pwd -P)/reports/runs/$(date -u +%Y%m%dT%H%M%SZ)-stub$$"
code=0
for pair in $matrix; do
  dir="$run/check-$(basename "$farm")/agent-nix-${pair%/*}--builders-nix-${pair#*/}"
  mkdir -p "$dir/before"
  echo "<!DOCTYPE html><title>stub map</title>" >"$dir/map.html"
  echo '<testsuite name="stub" tests="1" failures="0"><testcase name="stub"/></testsuite>' >"$dir/cucumber.xml"
  echo "<!DOCTYPE html><title>stub expectations</title>" >"$dir/cucumber.html"
  [ -n "$before" ] || continue
  echo "<!DOCTYPE html><title>stub map before</title>" >"$dir/before/map.html"
  echo '{"moved": [], "unanswered": [], "stub": true}' >"$dir/moves.json"
  if diff -rq "$before" "$farm" >/dev/null; then
    printf '#### Nix %s: no cell moved (of 9)\n\n' "$pair" >"$dir/moves.md"
  else
    say "1 of 9 cells moved from $before to $farm"
    printf '#### Nix %s: 1 of 9 cells moved\n\n- `%s`\n\n' "$pair" \
      "hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com" >"$dir/moves.md"
    if [ -n "$gate" ]; then code=1; fi
  fi
done
say "expectations of $farm: 1 scenarios: 1 passed"
exit "$code"
