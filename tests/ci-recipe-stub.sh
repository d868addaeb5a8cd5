#!/usr/bin/env bash
# A stand-in for ./dispatchcheck in tests/ci-recipe.sh's plumbing cases (and for a dry run:
# copy it to DIR/dispatchcheck, then DISPATCHCHECK=DIR/dispatchcheck tests/ci-recipe.sh):
# no Docker, no Java. It takes
# only what ci/farm-check.sh passes, 'check [--reports DIR] [--before OLD [--fail-on-move]]
# [--matrix M] FARM' (without --matrix, check's own default, which the stub calls the pair
# default/default), refuses anything else (exit 2), and writes a report where the real one
# goes: DIR/runs/<run>/check-FARM/<pair>/ (DIR by default reports/ beside itself). It calls a cell moved when the two farms'
# files differ, naming the example's move, and exits as the real check would: 1 under the
# gate when they differ, else 0; its moves.xml, like the real one, has a test case for the
# moved cell (a failure under the gate) and one for a cell that stays. STUB_ARGS=FILE records
# its arguments, one a line, and the before farm's files with their SHA-256.
# STUB_MAVEN_FAILS=1 makes it the launcher whose Maven could not download a dependency: it
# writes target/maven.log beside itself, prints what the launcher prints of it, and exits 3.
# shellcheck disable=SC2016 # Markdown's backticks are meant literally
set -euo pipefail
say() { printf '[stub] %s\n' "$*" >&2; }
bad() { say "error: $*"; exit 2; }

[ "${1:-}" = check ] || bad "not a check: $*"
if [ -n "${STUB_MAVEN_FAILS:-}" ]; then
  # Maven 3.8's output (from a GitLab job) when Maven Central's certificate was not trusted,
  # and the launcher's handling of it (build_java).
  mkdir -p "$(dirname "$0")/target"
  log="$(dirname "$0")/target/maven.log"
  cat >"$log" <<'MAVEN'
[INFO] Scanning for projects...
[ERROR] [ERROR] Some problems were encountered while processing the POMs:
[ERROR] Non-resolvable import POM: Could not transfer artifact org.junit:junit-bom:pom:5.14.1 from/to central (https://repo.maven.apache.org/maven2): transfer failed for https://repo.maven.apache.org/maven2/org/junit/junit-bom/5.14.1/junit-bom-5.14.1.pom @ line 20, column 19
[ERROR] Non-resolvable import POM: Could not transfer artifact io.cucumber:cucumber-bom:pom:7.34.2 from/to central (https://repo.maven.apache.org/maven2): transfer failed for https://repo.maven.apache.org/maven2/io/cucumber/cucumber-bom/7.34.2/cucumber-bom-7.34.2.pom @ line 27, column 19
[ERROR] The build could not read 1 project -> [Help 1]
[ERROR]   The project dev.dispatchcheck:dispatchcheck:0.1.0-SNAPSHOT (/tmp/tmp.XXXXXXXXXX/dispatchcheck/pom.xml) has 10 errors
[ERROR]     Non-resolvable import POM: Could not transfer artifact org.junit:junit-bom:pom:5.14.1 from/to central (https://repo.maven.apache.org/maven2): transfer failed for https://repo.maven.apache.org/maven2/org/junit/junit-bom/5.14.1/junit-bom-5.14.1.pom @ line 20, column 19: (certificate_unknown) PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target -> [Help 2]
[ERROR] 
[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.
[ERROR] Re-run Maven using the -X switch to enable full debug logging.
[ERROR] 
[ERROR] For more information about the errors and possible solutions, please read the following articles:
[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/ProjectBuildingException
[ERROR] [Help 2] http://cwiki.apache.org/confluence/display/MAVEN/UnresolvableModelException
MAVEN
  echo "[dispatchcheck] Maven: package -DskipTests (dependencies from Maven Central on the first run; log: target/maven.log)" >&2
  grep -E 'ERROR|FAIL|Tests run:' "$log" | head -n 40 >&2
  echo "[dispatchcheck] Maven failed (log: target/maven.log)" >&2
  exit 3
fi
shift
before="" gate="" matrix="" farm="" reports="$(cd "$(dirname "$0")" && pwd -P)/reports"
while [ $# -gt 0 ]; do
  case "$1" in
    --reports) reports=${2:?}; shift 2 ;;
    --before) before=${2:?}; shift 2 ;;
    --fail-on-move) gate=1; shift ;;
    --matrix) matrix=${2:?}; shift 2 ;;
    -*) bad "unknown option $1" ;;
    *) [ -z "$farm" ] || bad "two farms: $farm and $1"; farm=$1; shift ;;
  esac
done
if [ -z "$farm" ]; then bad "no farm"; fi
for d in "$farm" ${before:+"$before"}; do
  case "$d" in /*) ;; *) bad "$d is relative: the launcher runs from its own directory" ;; esac
  [ -f "$d/agent/etc/nix/nix.conf" ] || bad "$d is no farm: no agent/etc/nix/nix.conf"
done
[ -z "$gate" ] || [ -n "$before" ] || bad "--fail-on-move without --before"
# STUB_OTHER_JOBS_MAVEN=1: another job sharing this checkout runs Maven meanwhile (its
# target/maven.log newer than this job's start), while this one builds nothing.
if [ -n "${STUB_OTHER_JOBS_MAVEN:-}" ]; then
  mkdir -p "$(dirname "$0")/target" && echo "[INFO] another job's build" >"$(dirname "$0")/target/maven.log"
fi
if [ -n "${STUB_ARGS:-}" ]; then
  { printf '%s\n' check ${before:+--before "$before"} ${gate:+--fail-on-move} ${matrix:+--matrix "$matrix"} "$farm"
    if [ -n "$before" ]; then (cd "$before" && find . -type f -exec sha256sum {} + | sort -k2 | sed 's/^/before: /'); fi
  } >"$STUB_ARGS"
fi

matrix=${matrix:-default/default}
say "checking $farm (Nix $matrix)${before:+ against $before}"
run="$reports/runs/$(date -u +%Y%m%dT%H%M%SZ)-stub$$"
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
  moved="" outcome="<system-out>not moved: aarch64-linux-0.example.com</system-out>"
  if diff -rq "$before" "$farm" >/dev/null; then
    printf '#### Nix %s: no cell moved (of 9)\n\n' "$pair" >"$dir/moves.md"
  else
    moved="aarch64-linux-0.example.com → aarch64-linux-1.example.com"
    say "1 of 9 cells moved from $before to $farm"
    printf '#### Nix %s: 1 of 9 cells moved\n\n- `%s`\n\n' "$pair" "hercules-ci-agent aarch64-linux: $moved" >"$dir/moves.md"
    outcome="<system-out>moved: $moved (reported only)</system-out>"
    if [ -n "$gate" ]; then code=1 outcome="<failure type=\"moved\" message=\"moved: $moved\">moved: $moved</failure>"; fi
  fi
  cat >"$dir/moves.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="moves, Nix $pair" tests="2" failures="$([ "$code" = 1 ] && echo 1 || echo 0)" errors="0" skipped="0">
  <testcase classname="moves, Nix $pair" name="hercules-ci-agent aarch64-linux">$outcome</testcase>
  <testcase classname="moves, Nix $pair" name="root aarch64-linux"><system-out>not moved: aarch64-linux-0.example.com</system-out></testcase>
</testsuite>
XML
done
say "expectations of $farm: 1 scenarios: 1 passed"
exit "$code"
