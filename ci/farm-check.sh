#!/usr/bin/env bash
# The CI recipe: checks a farm directory in a git repository against the same directory at
# a base ref, with ./dispatchcheck check --before, and leaves a report to upload and a
# summary. The GitHub Action (action.yml) and the GitLab template
# (ci/gitlab/dispatchcheck.gitlab-ci.yml) both run this script; tests/ci-recipe.sh proves it.
#
# Input, from the environment only (never interpolated into shell text):
#   DISPATCHCHECK_FARM            the farm directory, inside a git work tree (required)
#   DISPATCHCHECK_BASE_REF        the ref or commit to compare against; empty: HEAD~1, else
#                                 DISPATCHCHECK_DEFAULT_BRANCH at origin, else no comparison.
#                                 A ref missing from a shallow or partial clone is fetched from origin.
#   DISPATCHCHECK_DEFAULT_BRANCH  the fallback above (optional)
#   DISPATCHCHECK_MATRIX          Nix pairs, agent/builders (default 2.26/2.26)
#   DISPATCHCHECK_FAIL_ON_MOVE    true (default) or false: whether a moved cell fails the check
#   DISPATCHCHECK_OUT             where the report goes (default ./dispatchcheck-report); an
#                                 existing directory must be empty or an earlier report
#   DISPATCHCHECK                 the launcher (default: the dispatchcheck beside this script)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT   when set (GitHub Actions), the summary and the
#                                 outputs exit-code, moved, report-dir, summary are added there
#
# Output: DISPATCHCHECK_OUT/ holds a directory per Nix pair, agent-nix-A--builders-nix-B/
# (map.html, map.json, cucumber.html, cucumber.xml, results.json, moves.json, moves.md,
# before/), summary.md (also printed) and dispatchcheck.log. Exit code: dispatchcheck's,
# 0 all holds, 1 an expectation failed or (gate on) a cell moved, 2 invalid input, 3 the
# environment failed or a cell has no answer.
# shellcheck disable=SC2016,SC2317 # Markdown's backticks are meant literally; cleanup runs from a trap
set -euo pipefail

say() { printf '[farm-check] %s\n' "$*" >&2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
launcher=${DISPATCHCHECK:-$here/../dispatchcheck}
farm_in=${DISPATCHCHECK_FARM:-}
base_ref=${DISPATCHCHECK_BASE_REF:-}
default_branch=${DISPATCHCHECK_DEFAULT_BRANCH:-}
matrix=${DISPATCHCHECK_MATRIX:-2.26/2.26}
gate_in=${DISPATCHCHECK_FAIL_ON_MOVE:-true}
out_in=${DISPATCHCHECK_OUT:-dispatchcheck-report}

out="" tmp="" gate="" base_commit="" base_note="" alone=""
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT

meaning() {
  case "$1" in
    0) echo "every expectation holds${gate:+ and no cell moved}" ;;
    1) echo "an expectation failed${gate:+, or a cell moved (the gate is on)}" ;;
    2) echo "invalid input: a farm file, an expectation or a setting, named below or in the log" ;;
    3) echo "the environment failed (Docker, an image), or a cell has no answer (a harness error)" ;;
    *) echo "unexpected exit code" ;;
  esac
}

emit() {  # KEY VALUE: a GitHub step output, when there is somewhere to put it
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}

# Writes summary.md (when the output directory exists), prints it, adds it to GitHub's job
# summary, and exits with CODE. DETAIL is Markdown for a check that never got to run.
finish() {  # CODE [DETAIL]
  local code=$1 detail=${2:-} summary moved=0 n f
  summary=$(
    printf '### dispatchcheck: `%s`' "${farm_in:-?}"
    if [ -n "$base_commit" ]; then printf ' against `%s`, %s' "${base_commit:0:12}" "$base_note"; fi
    printf '\n\n**Exit %s**: %s.\n\n' "$code" "$(meaning "$code")"
    if [ -n "$detail" ]; then printf '%s\n\n' "$detail"; fi
    if [ -n "$alone" ]; then printf '%s\n\n' "$alone"; fi
    if [ -n "$out" ]; then
      for f in "$out"/*/moves.md; do if [ -f "$f" ]; then cat "$f"; fi; done
      if [ -s "$out/dispatchcheck.log" ]; then
        printf 'From the log (all of it in `dispatchcheck.log` with the report):\n\n````text\n'
        # The lines that say what happened: each pair, each move count, expectations, failures, errors.
        grep -E '=== |cells moved|no answer|expectations of|\] (FAILED|HARNESS ERROR|UNDEFINED|ERROR) |error' \
          "$out/dispatchcheck.log" | sed -E 's/^\[dispatchcheck +[0-9.]+s\] //' | tail -n 40 || true
        if [ "$code" -ge 2 ]; then echo '---'; tail -n 15 "$out/dispatchcheck.log"; fi
        printf '````\n'
      fi
    fi
  )
  if [ -n "$out" ]; then
    printf '%s\n' "$summary" >"$out/summary.md"
    for f in "$out"/*/moves.md; do
      [ -f "$f" ] || continue
      n=$(sed -nE 's/^#### Nix .*: ([0-9]+) of [0-9]+ cells? moved$/\1/p' "$f")
      moved=$((moved + ${n:-0}))
    done
  fi
  printf '%s\n' "$summary"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '%s\n\n' "$summary" >>"$GITHUB_STEP_SUMMARY"; fi
  emit exit-code "$code"; emit moved "$moved"; emit report-dir "$out"
  if [ -n "$out" ]; then emit summary "$out/summary.md"; fi
  exit "$code"
}

invalid() { say "error: $*"; finish 2 "$*"; }

# --- the inputs ---------------------------------------------------------------------------
case "$gate_in" in
  true|1|yes) gate=1 ;;
  false|0|no|"") gate="" ;;
  *) invalid "fail-on-move is '$gate_in': true or false" ;;
esac
case "$base_ref$default_branch" in -*) invalid "a ref may not start with '-'" ;; esac
[ -n "$farm_in" ] || invalid "no farm directory: set the farm (DISPATCHCHECK_FARM)"
[ -d "$farm_in" ] || invalid "the farm directory '$farm_in' does not exist (relative to $(pwd -P))"
[ -x "$launcher" ] || { say "error: no dispatchcheck launcher at $launcher"; finish 3 "no dispatchcheck launcher at \`$launcher\`"; }
farm=$(cd "$farm_in" && pwd -P)   # absolute: the launcher runs from its own directory

if [ -e "$out_in" ] && [ -n "$(ls -A "$out_in")" ] && [ ! -e "$out_in/.dispatchcheck-report" ]; then
  invalid "the report directory '$out_in' is not empty, and holds no earlier report"
fi
mkdir -p "$out_in"
find "$out_in" -mindepth 1 -delete
out=$(cd "$out_in" && pwd -P)
touch "$out/.dispatchcheck-report"

# --- the farm at the base ref ---------------------------------------------------------------
top=$(git -C "$farm" rev-parse --show-toplevel 2>/dev/null) || invalid "the farm directory '$farm_in' is not in a git work tree"
prefix=$(git -C "$farm" rev-parse --show-prefix)   # the farm's path in the tree: "infra/farm/", or "" for the top
g() { git -C "$top" "$@"; }
commit_of() { g rev-parse -q --verify "$1^{commit}" 2>/dev/null; }
shallow() { [ "$(g rev-parse --is-shallow-repository)" = true ]; }
fetch() {  # REF [DEPTH]: fetch REF from origin (only so deep, in a shallow clone); prints the commit
  local depth=()
  if shallow; then depth=(--depth="${2:-1}"); fi
  g fetch -q --no-tags "${depth[@]}" origin "$1" >&2 && commit_of FETCH_HEAD
}
resolve() {  # REF: a commit here, at origin here, or fetched
  commit_of "$1" || commit_of "refs/remotes/origin/$1" || fetch "$1"
}
parent() {  # HEAD~1, deepening a shallow clone by one commit if need be
  commit_of HEAD~1 || { shallow && fetch "$(commit_of HEAD)" 2 >/dev/null && commit_of HEAD~1; }
}

if [ -n "$base_ref" ]; then
  base_commit=$(resolve "$base_ref") || invalid "cannot find the base ref '$base_ref' here or at origin"
  base_note="the base ref"
  case "$base_commit" in "$base_ref"*) ;; *) base_note="the base ref \`$base_ref\`" ;; esac
else
  # A push: the commit before, else the default branch, else nothing to compare with.
  if base_commit=$(parent); then
    base_note="the commit before (\`HEAD~1\`)"
  elif [ -n "$default_branch" ] && base_commit=$(resolve "$default_branch"); then
    base_note="the default branch \`$default_branch\`"
  else
    base_commit=""
  fi
fi

before=()
if [ -z "$base_commit" ]; then
  alone="Nothing to compare with (no base ref, no commit before HEAD, no default branch): the farm is mapped alone."
  say "$alone"
elif ! g cat-file -e "$base_commit:${prefix%/}" 2>/dev/null; then
  alone="The farm does not exist at the base yet: it is mapped alone, and no cell can move."
  say "$alone"
else
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/dispatchcheck-base.XXXXXX")
  # Only the farm's tree, checked out as the work tree's farm is (filters, line endings),
  # through an index of its own: the caller's work tree and index are left alone.
  base_farm="$tmp/$(basename "$farm")"
  GIT_INDEX_FILE="$tmp/index" g read-tree "$base_commit:${prefix%/}"
  GIT_INDEX_FILE="$tmp/index" g checkout-index --all --prefix="$base_farm/"
  say "the farm at $base_commit: $base_farm"
  before=(--before "$base_farm")
  if [ -n "$gate" ]; then before+=(--fail-on-move); fi
fi
if [ ${#before[@]} = 0 ]; then gate=""; fi   # nothing to compare: no cell can move

# --- the check ------------------------------------------------------------------------------
runs="$(dirname "$launcher")/reports/runs"
known=()
for r in "$runs"/*/; do known+=("$r"); done
say "$launcher check ${before[*]} --matrix '$matrix' $farm"
set +e
# Never --run-farm-commands: a pull request's farm is untrusted, so its hooks and ssh commands stay neutralised.
"$launcher" check "${before[@]}" --matrix "$matrix" "$farm" 2>&1 | tee "$out/dispatchcheck.log"
code=${PIPESTATUS[0]}
set -e

# This check's run directory: the new one holding check-FARM (the newest, should runs share a checkout).
run=""
for r in "$runs"/*/; do
  case " ${known[*]} " in *" $r "*) continue ;; esac
  if [ -d "${r}check-$(basename "$farm")" ]; then run="${r}check-$(basename "$farm")"; fi
done
if [ -n "$run" ]; then
  cp -R "$run/." "$out/"
  say "report: $out (from $run)"
  finish "$code"
fi
finish "$code" "No report: the check stopped before it started hosts (see the log)."
