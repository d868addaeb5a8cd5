#!/usr/bin/env bash
# The scheduled recipe: runs a farm's expectations and its dispatch map on the live agent
# host, with ./dispatchcheck live --map (and --compare when asked), and leaves a report to
# upload and a summary, as ci/farm-check.sh does for pull requests. The GitHub Action
# live/action.yml and the GitLab template's .dispatchcheck-live job run it on a schedule;
# tests/live-farm.sh proves it against a stand-in farm.
#
# Input, from the environment only (never interpolated into shell text):
#   DISPATCHCHECK_FARM         the farm directory (required)
#   DISPATCHCHECK_AGENT        the live agent host, ssh://[user@]host[:port] (required)
#   DISPATCHCHECK_SSH_KEY      the private key to log in with, its text (a CI secret); empty:
#                              the ssh-agent's keys. Written to a file of mode 600 in a private
#                              directory, removed on exit; never printed.
#   DISPATCHCHECK_KNOWN_HOSTS  the agent host's known_hosts lines, their text (required: live
#                              accepts no host key it does not already know)
#   DISPATCHCHECK_TAGS         a tag expression: the scenarios to run (e.g. "not @effect")
#   DISPATCHCHECK_COMPARE      true: also --compare (needs Docker); default false
#   DISPATCHCHECK_OUT          where the report goes (default ./dispatchcheck-live-report)
#   DISPATCHCHECK              the launcher (default: the dispatchcheck beside this script)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT   when set, the summary and the output exit-code go there
#
# Output: DISPATCHCHECK_OUT/ holds map.html, map.json, map.md, cucumber.html, cucumber.xml
# (JUnit), results.json (stand-ins/ with --compare), summary.md (also printed) and
# dispatchcheck.log. Exit code: dispatchcheck's (0 holds, 1 a verdict failed or a cell
# differs from the stand-ins', 2 invalid input or a refused step, 3 the host or the
# environment failed; also 3, with a summary naming the line, when a command of this
# script's own failed where none should).
# shellcheck disable=SC2016 # Markdown's backticks are meant literally
set -euo pipefail
unset CDPATH
say() { printf '[live-check] %s\n' "$*" >&2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
launcher=${DISPATCHCHECK:-$here/../dispatchcheck}
farm=${DISPATCHCHECK_FARM:-}
agent=${DISPATCHCHECK_AGENT:-}
tags=${DISPATCHCHECK_TAGS:-}
out_in=${DISPATCHCHECK_OUT:-dispatchcheck-live-report}
tmp=$(mktemp -d)
chmod 700 "$tmp"
out=$tmp   # until the report directory is made: a summary said before then is printed, and goes with tmp
trap 'rm -rf "$tmp"' EXIT

meaning() {
  case "$1" in
    0) echo "the farm's expectations hold on the live host" ;;
    1) echo "an expectation failed on the live host, or a cell differs from the stand-ins'" ;;
    2) echo "invalid input: a farm file, an expectation, a step refused live, or an input" ;;
    3) echo "the live host or the environment failed (unreachable, no agent user, sudo or Nix), or a cell has no answer" ;;
    *) echo "unexpected exit code" ;;
  esac
}
finish() {  # CODE [DETAIL]
  # The summary is being said, and nothing stops it now: a failure from here on (an exit trap's
  # too) is not the recipe's stop, and a write that fails (a full disk) leaves the exit code the run's.
  trap - ERR
  set +e
  local summary
  summary=$(
    printf '### dispatchcheck live\n\n**Exit %s**: %s.\n\n' "$1" "$(meaning "$1")"
    if [ -n "${2:-}" ]; then printf '%s\n\n' "$2"; fi
    if [ -s "$out/dispatchcheck.log" ]; then
      printf 'From the log (all of it in `dispatchcheck.log`):\n\n````text\n'
      grep -E '=== |cells differ|drift|follow from|files compared agree|expectations of|\] (FAILED|HARNESS ERROR) |error:|^  [a-z]' \
        "$out/dispatchcheck.log" | sed -E 's/^\[dispatchcheck +[0-9.]+s\] //' | tail -n 60 || true
      printf '````\n'
    fi
  )
  printf '%s\n' "$summary" >"$out/summary.md"
  printf '%s\n' "$summary"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n\n' "$summary" >>"$GITHUB_STEP_SUMMARY"; fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf 'exit-code=%s\n' "$1" >>"$GITHUB_OUTPUT"; fi
  exit "$1"
}

# A command of this script's own that fails where none should: exit 3 and a summary naming the line.
. "$here/recipe-stop.sh"
stop_recipe_on_failure ci/live-check.sh

# The report directory holds this run's report only: an earlier one's files (a map, a
# cucumber.xml) would be uploaded as this run's if this run stopped before writing its own.
# A directory of other files is not ours to empty. (An earlier report is marked; one from
# before the mark, on a runner that keeps its workspace, is known by its summary.md.)
if [ -e "$out_in" ] && [ -n "$(ls -A "$out_in")" ] && [ ! -e "$out_in/.dispatchcheck-report" ] \
    && [ ! -e "$out_in/summary.md" ]; then
  finish 2 "the report directory (DISPATCHCHECK_OUT) is not empty, and holds no earlier report"
fi
mkdir -p "$out_in"
find "$out_in" -mindepth 1 -delete
out=$(cd "$out_in" && pwd -P)
touch "$out/.dispatchcheck-report"
[ -n "$farm" ] || finish 2 "no farm directory: set DISPATCHCHECK_FARM"
[ -n "$agent" ] || finish 2 "no agent host: set DISPATCHCHECK_AGENT to ssh://[user@]host[:port]"
[ -n "${DISPATCHCHECK_KNOWN_HOSTS:-}" ] || finish 2 "no known_hosts: set DISPATCHCHECK_KNOWN_HOSTS to the agent host's key line"
printf '%s\n' "$DISPATCHCHECK_KNOWN_HOSTS" >"$tmp/known_hosts"
[ -d "$farm" ] || finish 2 "the farm directory does not exist (relative to the job's working directory)"
farm_abs=$(cd "$farm" && pwd -P)   # absolute: the launcher runs from its own directory
args=(live "$agent" "$farm_abs" --map --known-hosts "$tmp/known_hosts" --reports "$tmp/reports")
if [ -n "${DISPATCHCHECK_SSH_KEY:-}" ]; then
  (umask 077 && printf '%s\n' "$DISPATCHCHECK_SSH_KEY" >"$tmp/key")
  args+=(--identity "$tmp/key")
fi
if [ -n "$tags" ]; then args+=(--tags "$tags"); fi
case "${DISPATCHCHECK_COMPARE:-false}" in
  true|1|yes) args+=(--compare) ;;
  false|0|no|"") ;;
  *) finish 2 "DISPATCHCHECK_COMPARE is neither true nor false" ;;
esac

code=0
"$launcher" "${args[@]}" >"$out/dispatchcheck.log" 2>&1 || code=$?
# The report: one live-FARM/live-HOST directory of this run's. A run that ended before the host
# answered (unreachable, a host key not known, invalid input) made none: find fails then, and the
# summary must still be written.
report=$(find "$tmp/reports/runs" -mindepth 3 -maxdepth 3 -type d -path '*/live-*/live-*' 2>/dev/null | head -n 1) || report=""
if [ -n "$report" ]; then cp -R "$report"/. "$out"/; fi
# The job's paths mean nothing once it is gone: the farm as named, the reports by their place.
while IFS= read -r line || [ -n "$line" ]; do   # a last line without its newline (a JVM killed mid-line) too
  line=${line//"$tmp/"/}
  printf '%s\n' "${line//"$farm_abs"/"$farm"}"
done <"$out/dispatchcheck.log" >"$tmp/log" && mv "$tmp/log" "$out/dispatchcheck.log"
say "exit $code; report in $out"
finish "$code"
