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
#   DISPATCHCHECK_MATRIX          Nix pairs, agent/builders; empty or unset: check's own default
#                                 (dispatchcheck's, 2.26/2.26)
#   DISPATCHCHECK_FAIL_ON_MOVE    true (default) or false: whether a moved cell fails the check
#   DISPATCHCHECK_OUT             where the report goes (default ./dispatchcheck-report); an
#                                 existing directory must be empty or an earlier report
#   DISPATCHCHECK                 the launcher (default: the dispatchcheck beside this script)
#   DISPATCHCHECK_ARTIFACT        the name the report is kept under, for the summary to say
#                                 where the whole log is (default: DISPATCHCHECK_OUT's name)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT   when set (GitHub Actions), the summary and the
#                                 outputs exit-code, moved, report-dir, summary are added there
#
# Output: DISPATCHCHECK_OUT/ holds a directory per Nix pair, agent-nix-A--builders-nix-B/
# (map.html, map.json, cucumber.html, cucumber.xml, results.json, moves.json, moves.md,
# moves.xml, before/), summary.md (also printed), dispatchcheck.log, and maven.log when
# the launcher ran Maven. cucumber.xml and moves.xml are JUnit XML: the expectations, and a
# test case for each cell of the map (a move under the gate a failure, no answer an error).
# The summary quotes, for an invalid input or a failed environment, the log's first error
# line, and names no path of the job's, which is gone when a reader looks. Exit code:
# dispatchcheck's, 0 all holds, 1 an expectation failed or (gate on) a cell moved, 2 invalid
# input (a farm path that is or passes through a symbolic link among them), 3 the
# environment failed or a cell has no answer; also 3, with a summary naming the line, when a
# command of this script's own failed where none should (git on an odd repository, a full disk).
#
# Whatever comes from the farm's repository or the inputs (paths, refs) is printed through
# shown(), never raw: a file name can hold control characters or a CI log's commands.
# shellcheck disable=SC2016,SC2317 # Markdown's backticks are meant literally; cleanup runs from a trap
set -euo pipefail
unset CDPATH   # cd goes where it is told

say() { printf '[farm-check] %s\n' "$*" >&2; }
# VALUE as it may be printed: as it is when it holds only characters that mean nothing to a
# terminal, a CI log or Markdown, else as bash's $'...' with every other byte as \xNN (so no
# escape sequence, '##[' or backtick survives, and the value can still be read back exactly).
shown() {
  if [[ $1 =~ ^[A-Za-z0-9._/@%+,=:~-]+$ ]]; then printf '%s' "$1"; return; fi
  local LC_ALL=C value=$1 out="" c i
  for ((i = 0; i < ${#value}; i++)); do
    c=${value:i:1}
    case $c in [A-Za-z0-9._/@%+,=:~\ -]) out+=$c ;; *) out+=$(printf '\\x%02x' "'$c") ;; esac
  done
  printf "\$'%s'" "$out"
}
# VALUE as a Markdown code span (shown() leaves no backtick in it).
code() { printf '`%s`' "$(shown "$1")"; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
launcher=${DISPATCHCHECK:-$here/../dispatchcheck}
farm_in=${DISPATCHCHECK_FARM:-}
base_ref=${DISPATCHCHECK_BASE_REF:-}
default_branch=${DISPATCHCHECK_DEFAULT_BRANCH:-}
matrix=${DISPATCHCHECK_MATRIX:-}
gate_in=${DISPATCHCHECK_FAIL_ON_MOVE:-true}
out_in=${DISPATCHCHECK_OUT:-dispatchcheck-report}
artifact=${DISPATCHCHECK_ARTIFACT:-$(basename -- "$out_in")}

out="" tmp="" reports="" gate="" base_commit="" base_note="" alone="" farm="" base_farm="" run="" maven_log=""
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; if [ -n "$reports" ]; then rm -rf "$reports"; fi; }
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

# The log's lines as the summary quotes them: the job's paths, gone when the summary is read,
# as what they stand for (the farm as named, the base farm by its commit, a report file by
# its place in the report).
unpathed() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do   # a last line without its newline too
    if [ -n "$run" ]; then line=${line//"$run/"/}; fi
    if [ -n "$base_farm" ]; then line=${line//"$base_farm"/"$(shown "$farm_in")@${base_commit:0:12}"}; fi
    if [ -n "$farm" ]; then line=${line//"$farm"/"$(shown "$farm_in")"}; fi
    # The launcher's word for Maven's log, which is copied into the report.
    if [ -n "$maven_log" ]; then line=${line//target\/maven.log/maven.log}; fi
    printf '%s\n' "$line"
  done
}

# The log's first error: Maven's first [ERROR] line that says something (not blank, not an
# introduction ending in ':' such as "Some problems were encountered while processing the
# POMs:"), else the first "error:" (the launcher's, dispatchcheck's, or lint's FILE:LINE:
# error:). What follows it is mostly its consequence.
first_error() {
  grep -E '^\[ERROR\] +[^ ]|(^|\] |: )error: ' "$out/dispatchcheck.log" | grep -v -m 1 -E '^\[ERROR\] .*:[[:space:]]*$' | unpathed
}

# Writes summary.md (when the output directory exists), prints it, adds it to GitHub's job
# summary, and exits with CODE. DETAIL is Markdown for a check that never got to run.
finish() {  # CODE [DETAIL]
  # The summary is being said, and nothing stops it now: a failure from here on (an exit trap's
  # too) is not the recipe's stop, and a write that fails (a full disk) leaves the exit code the run's.
  trap - ERR
  set +e
  local code=$1 detail=${2:-} summary moved=0 n f rest first said
  rest="\`dispatchcheck.log\`"
  if [ -n "$maven_log" ]; then rest+=" (and Maven's own, \`maven.log\`)"; fi
  rest+=", in the report kept as $(code "$artifact")"
  summary=$(
    printf '### dispatchcheck: %s' "$(if [ -n "$farm_in" ]; then code "$farm_in"; else echo 'no farm'; fi)"
    if [ -n "$base_commit" ]; then printf ' against `%s`, %s' "${base_commit:0:12}" "$base_note"; fi
    printf '\n\n**Exit %s**: %s.\n\n' "$code" "$(meaning "$code")"
    if [ -n "$detail" ]; then printf '%s\n\n' "$detail"; fi
    if [ -n "$alone" ]; then printf '%s\n\n' "$alone"; fi
    if [ -n "$out" ]; then
      for f in "$out"/*/moves.md; do if [ -f "$f" ]; then cat "$f"; fi; done
      if [ -s "$out/dispatchcheck.log" ]; then
        first=""
        if [ "$code" -ge 2 ]; then first=$(first_error); fi
        if [ -n "$first" ]; then
          printf 'The first error (the rest in %s):\n\n````text\n%s\n````\n\n' "$rest" "$first"
        elif [ "$code" -ge 2 ]; then
          printf 'No error line in the log; its last lines (all of it in %s):\n\n````text\n' "$rest"
          tail -n 10 "$out/dispatchcheck.log" | unpathed
          printf '````\n\n'
        fi
        # The lines that say what happened: each pair, each move count, expectations, failures, errors.
        said=$(grep -E '=== |cells moved|no answer|expectations of|\] (FAILED|HARNESS ERROR|UNDEFINED|ERROR) |error:' \
          "$out/dispatchcheck.log" | sed -E 's/^\[dispatchcheck +[0-9.]+s\] //' | tail -n 40 | unpathed || true)
        if [ -n "$said" ]; then printf 'From the log (all of it in %s):\n\n````text\n%s\n````\n' "$rest" "$said"; fi
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

# A command of this script's own that fails where none should: exit 3 and a summary naming the line.
. "$here/recipe-stop.sh"
stop_recipe_on_failure ci/farm-check.sh

# --- the inputs ---------------------------------------------------------------------------
case "$gate_in" in
  true|1|yes) gate=1 ;;
  false|0|no|"") gate="" ;;
  *) invalid "fail-on-move is $(code "$gate_in"): true or false" ;;
esac
case "$base_ref$default_branch" in -*) invalid "a ref may not start with '-'" ;; esac
[ -n "$farm_in" ] || invalid "no farm directory: set the farm (DISPATCHCHECK_FARM)"
farm_path=$farm_in
while [[ $farm_path == ?*/ ]]; do farm_path=${farm_path%/}; done   # "farm/" would name the link's target
if [ -L "$farm_path" ]; then
  invalid "the farm directory $(code "$farm_in") is a symbolic link: name the directory itself (a link could lead out of the repository)"
fi
[ -d "$farm_in" ] || invalid "the farm directory $(code "$farm_in") does not exist (relative to the job's working directory)"
farm=$(cd "$farm_in" && pwd -P)   # absolute: the launcher runs from its own directory
# Relative to the job's working directory, each directory on the way is what it says.
if [ "$(cd "$(pwd -P)" && cd -L "$farm_in" && pwd -L)" != "$farm" ]; then
  invalid "the farm directory $(code "$farm_in") passes through a symbolic link: name the directory itself (a link could lead out of the repository)"
fi
if [ ! -x "$launcher" ]; then
  say "error: no dispatchcheck launcher at $(shown "$launcher")"
  finish 3 "no dispatchcheck launcher (DISPATCHCHECK, else the \`dispatchcheck\` beside \`ci/farm-check.sh\`)"
fi
launcher_dir=$(cd "$(dirname "$launcher")" && pwd -P)

if [ -e "$out_in" ] && [ -n "$(ls -A "$out_in")" ] && [ ! -e "$out_in/.dispatchcheck-report" ]; then
  invalid "the report directory $(code "$out_in") is not empty, and holds no earlier report"
fi
mkdir -p "$out_in"
find "$out_in" -mindepth 1 -delete
out=$(cd "$out_in" && pwd -P)
touch "$out/.dispatchcheck-report"

# --- the farm at the base ref ---------------------------------------------------------------
top=$(git -C "$farm" rev-parse --show-toplevel 2>/dev/null) || invalid "the farm directory $(code "$farm_in") is not in a git work tree"
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
  base_commit=$(resolve "$base_ref") || invalid "cannot find the base ref $(code "$base_ref") here or at origin"
  base_note="the base ref"
  case "$base_commit" in "$base_ref"*) ;; *) base_note="the base ref $(code "$base_ref")" ;; esac
else
  # A push: the commit before, else the default branch, else nothing to compare with.
  if base_commit=$(parent); then
    base_note="the commit before (\`HEAD~1\`)"
  elif [ -n "$default_branch" ] && base_commit=$(resolve "$default_branch"); then
    base_note="the default branch $(code "$default_branch")"
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
elif [ "$(g cat-file -t "$base_commit:${prefix%/}")" != tree ]; then
  invalid "the farm directory $(code "$farm_in") is no directory at the base (a symbolic link or a file there)"
else
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/dispatchcheck-base.XXXXXX")
  # Only the farm's tree, checked out as the work tree's farm is (filters, line endings),
  # through an index of its own: the caller's work tree and index are left alone.
  base_farm="$tmp/$(basename "$farm")"
  GIT_INDEX_FILE="$tmp/index" g read-tree "$base_commit:${prefix%/}"
  GIT_INDEX_FILE="$tmp/index" g checkout-index --all --prefix="$base_farm/"
  say "the farm at $base_commit: $(shown "$base_farm")"
  before=(--before "$base_farm")
  if [ -n "$gate" ]; then before+=(--fail-on-move); fi
fi
if [ ${#before[@]} = 0 ]; then gate=""; fi   # nothing to compare: no cell can move

# --- the check ------------------------------------------------------------------------------
# Reports of this check's own, copied into the report to upload: no other run writes there
# (two jobs sharing a launcher's checkout once took each other's report), and nothing is left
# in the launcher's checkout. Physical and absolute, as dispatchcheck prints it.
reports=$(mktemp -d "${TMPDIR:-/tmp}/dispatchcheck-reports.XXXXXX") || finish 3 "No temporary directory for the reports (TMPDIR: ${TMPDIR:-/tmp})."
reports=$(cd "$reports" && pwd -P)
args=(check --reports "$reports" "${before[@]}")
if [ -n "$matrix" ]; then args+=(--matrix "$matrix"); fi
args+=("$farm")
command_line=$(shown "$launcher")
for a in "${args[@]}"; do command_line+=" $(shown "$a")"; done
say "$command_line"
# Never --run-farm-commands: a pull request's farm is untrusted, so its hooks and ssh commands stay neutralised.
# (|| and not set +e: the ERR trap above would take the check's own exit for the recipe's failure.)
code=0
"$launcher" "${args[@]}" 2>&1 | tee "$out/dispatchcheck.log" || code=${PIPESTATUS[0]}
# Maven's own log, when the launcher ran Maven for this check (it says so, and names it
# target/maven.log): not merely a newer one, which a job sharing the checkout may have written.
if grep -q '^\[dispatchcheck\] Maven: ' "$out/dispatchcheck.log" && [ -f "$launcher_dir/target/maven.log" ] \
    && [ "$launcher_dir/target/maven.log" -nt "$out/.dispatchcheck-report" ]; then
  cp "$launcher_dir/target/maven.log" "$out/maven.log"
  maven_log=1
fi

# This check's run directory: the one holding check-FARM, the only run in its reports.
for r in "$reports"/runs/*/; do
  if [ -d "${r}check-$(basename "$farm")" ]; then run="${r}check-$(basename "$farm")"; fi
done
if [ -n "$run" ]; then
  cp -R "$run/." "$out/"
  say "report: $(shown "$out") (from $(shown "$run"))"
  finish "$code"
fi
finish "$code" "No report: the check stopped before it started hosts (see the log)."
