#!/usr/bin/env bash
# The README's three paths do what the README says: their commands are run, or checked where
# running them here would prove nothing new. Usage: tests/readme-commands.sh [README_FILE]
# (default README.md; a copy with a wrong exit code is this script's negative twin).
#
# The convention the README keeps (its comment above "## Check your farm" says so too):
#   - a path is a level-2 section, "## Check your farm", "## Put it in your CI" or
#     "## Develop dispatchcheck", up to the next level-2 heading;
#   - in "Check your farm" and "Develop dispatchcheck", each line inside a ```sh fence is one
#     command, run from the project's top directory, and ends in "# exit N: why", N the exit
#     code it gives; three commands a path;
#   - in "Put it in your CI", each fenced block is a snippet, three in all: the GitHub
#     workflow (```yaml, with "uses:"), the GitLab job (```yaml, with "include:") and the
#     pre-commit hook (```sh).
# What is done with them:
#   - farm path: each command runs (check needs a Docker engine) and must exit with its N;
#     the engine holds no more of dispatchcheck's containers and networks after than before.
#   - CI path: the workflow's inputs under "with:" (commented ones too) are inputs of
#     action.yml, and it gives each required one; the GitLab job extends a job of the
#     template, sets only variables the template has, and its include names the template's
#     path here; the hook runs in a throwaway repository, its jar path replaced by this
#     project's target/dispatchcheck.jar: exit 0 with a sound farm staged, 2 with a malformed
#     one, 0 with farm/ untouched. (tests/lint-workflows.sh checks action.yml and the
#     template themselves.)
#   - develop path: not run again, since .ci/run runs the test command: that command must be
#     a line of .ci/run exactly (or its timed form, "step COMMAND"); every command is one `./dispatchcheck help` lists; and the
#     path holds the two commands that are the whole setup, `test` and `conformance`.
#   - and "## After rollout" (live, which needs a real agent host: tests/live-farm.sh runs it
#     against stand-ins): each command ends in "# exit N: why" and is one `./dispatchcheck
#     help` lists. Each command of the develop and rollout paths prints its usage for --help.
# The README is this project's own file: its commands run as written, with bash -c.
# Prints a line per command or snippet; exit 0 all as the README says, 1 anything not.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib.sh   # ours

say() { printf '[readme-commands] %s\n' "$*" >&2; }
README=${1:-README.md}
[ -r "$README" ] || { say "error: no README at $README"; exit 1; }

WORK="$(mktemp -d /tmp/dispatchcheck-readme-commands.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
LOGS=target/readme-commands
mkdir -p "$LOGS"
failures=0
fail() { say "FAIL: $*"; failures=$((failures + 1)); }
pass() { say "ok: $*"; }

# Writes each fenced block of the section headed exactly $1 to $2/N.LANG, N from 1.
blocks() {  # HEADING DIR
  mkdir -p "$2"
  awk -v heading="$1" -v dir="$2" '
    /^```/ {
      if (fence) { fence = 0; if (file != "") close(file); file = ""; next }
      fence = 1
      if (section) { lang = substr($0, 4); if (lang == "") lang = "txt"; file = dir "/" ++n "." lang; printf "" > file }
      next
    }
    fence { if (file != "") print > file; next }
    /^## / { section = ($0 == heading) }
  ' "$README"
}

# The commands of a path, one a line: COMMAND<TAB>EXIT CODE<TAB>WHY; a line stating no exit
# code is printed with "?" for it.
commands() {  # HEADING
  local dir="$WORK/${1//[^A-Za-z]/}"
  blocks "$1" "$dir"
  cat "$dir"/*.sh 2>/dev/null | sed -n 's/^\(.*[^ ]\)  *# exit \([0-9][0-9]*\): *\(.*\)$/\1\t\2\t\3/p; t; /[^ ]/s/^\(.*\)$/\1\t?\t/p'
}

three() {  # WHAT COUNT
  if [ "$2" -eq 3 ]; then pass "$1: 3"; else fail "$1: $2, the README promises three"; fi
}

# --- Check your farm: run each command --------------------------------------------------
mapfile -t farm < <(commands "## Check your farm")
three "commands in \"Check your farm\"" "${#farm[@]}"
before=$(ours)
i=0
for line in "${farm[@]}"; do
  IFS=$'\t' read -r cmd want why <<<"$line"
  i=$((i + 1))
  if [ "$want" = "?" ]; then fail "'$cmd' states no exit code (# exit N: why)"; continue; fi
  say "running: $cmd   (the README: exit $want, $why)"
  got=0
  bash -c "$cmd" >"$LOGS/farm-$i.log" 2>&1 </dev/null || got=$?
  if [ "$got" = "$want" ]; then
    pass "'$cmd' exited $got"
  else
    tail -n 20 "$LOGS/farm-$i.log" >&2
    fail "'$cmd' exited $got; the README says $want ($why); log: $LOGS/farm-$i.log"
  fi
done
after=$(ours)
if ! [[ $before =~ ^[0-9]+$ && $after =~ ^[0-9]+$ ]]; then fail "containers and networks of dispatchcheck's: $before before, $after after"
elif [ "$after" -le "$before" ]; then pass "containers and networks of dispatchcheck's: $before before, $after after"
else fail "the farm path left $((after - before)) containers or networks"; fi

# --- Put it in your CI: check each snippet -----------------------------------------------
ci="$WORK/ci"
blocks "## Put it in your CI" "$ci"
three "snippets in \"Put it in your CI\"" "$(find "$ci" -type f | wc -l)"
workflow=$(grep -l '^ *- *uses:' "$ci"/*.yaml 2>/dev/null | head -n 1 || true)
gitlab=$(grep -l '^include:' "$ci"/*.yaml 2>/dev/null | head -n 1 || true)
hook=$(find "$ci" -name '*.sh' | head -n 1)

# The keys at one level below the line matching RE (commented keys too): "key: value" lines
# indented deeper than it, up to the first line that is not.
keys_under() {  # RE FILE
  awk -v re="$1" '
    depth != "" { match($0, /^ */); if (RLENGTH <= depth && $0 ~ /[^ ]/) depth = ""
                  else if (match($0, /^ *#? *[A-Za-z0-9_-]+:/)) { k = substr($0, RSTART, RLENGTH); gsub(/[ #:]/, "", k); print k } }
    $0 ~ re { match($0, /^ */); depth = RLENGTH }
  ' "$2"
}
# action.yml's inputs, NAME<TAB>required (true or false).
action_inputs() {
  awk '/^inputs:/ { on = 1; next } on && /^[^ #]/ { on = 0 }
       on && /^  [A-Za-z0-9_-]+:/ { if (name != "") print name "\t" req; name = $1; sub(/:$/, "", name); req = "false" }
       on && /^    required: *true/ { req = "true" }
       END { if (name != "") print name "\t" req }' action.yml
}

if [ -z "$workflow" ]; then
  fail "no GitHub workflow snippet (a yaml block with 'uses:')"
else
  inputs=$(action_inputs)
  bad=0
  for key in $(keys_under '^ *with: *$' "$workflow"); do
    printf '%s\n' "$inputs" | cut -f1 | grep -Fxq -- "$key" || { fail "the workflow's input '$key' is no input of action.yml"; bad=1; }
  done
  given=$(grep -v '^ *#' "$workflow" | keys_under '^ *with: *$' /dev/stdin)
  for key in $(printf '%s\n' "$inputs" | awk -F'\t' '$2 == "true" { print $1 }'); do
    printf '%s\n' "$given" | grep -Fxq -- "$key" || { fail "the workflow does not give action.yml's required input '$key'"; bad=1; }
  done
  [ "$bad" = 1 ] || pass "the workflow's inputs ($(keys_under '^ *with: *$' "$workflow" | paste -sd' ')) are action.yml's, the required ones given"
fi

if [ -z "$gitlab" ]; then
  fail "no GitLab snippet (a yaml block with 'include:')"
else
  bad=0
  url=$(sed -n 's/^ *- *remote: *//p' "$gitlab" | head -n 1)
  path=$(printf '%s\n' "$url" | sed 's#^https://raw.githubusercontent.com/[^/]*/[^/]*/[^/]*/##')
  if [ -z "$url" ] || [ "$path" = "$url" ] || [ ! -f "$path" ]; then
    fail "the GitLab include '$url' names no file of this project"; bad=1
  fi
  job=$(sed -n 's/^ *extends: *//p' "$gitlab")
  # The checks below read the template: with none named, they are said failed, never run on
  # an empty path (awk would read its standard input).
  [ "$bad" = 0 ] || path=/dev/null
  if [ -z "$job" ] || ! grep -Fxq -- "$job:" "$path"; then fail "the GitLab job extends '$job', no job of $path"; bad=1; fi
  template_vars=$(awk -v job="$job:" '$0 == job { on = 1 } on && /^[^ #]/ && $0 != job { on = 0 } on' "$path" \
    | keys_under '^ *variables: *$' /dev/stdin)
  for var in $(keys_under '^ *variables: *$' "$gitlab"); do
    printf '%s\n' "$template_vars" | grep -Fxq -- "$var" \
      || { fail "the GitLab job sets '$var', no variable of $job in $path"; bad=1; }
  done
  [ "$bad" = 1 ] || pass "the GitLab job extends $job of $path and sets its variables ($(keys_under '^ *variables: *$' "$gitlab" | paste -sd' '))"
fi

# The hook, installed executable in a throwaway repository holding a farm/, and run as git
# runs it (from the repository's top directory).
hook_exits() {  # WHAT WANT
  local got=0
  (cd "$WORK/repo" && .git/hooks/pre-commit) >"$LOGS/hook.log" 2>&1 || got=$?
  if [ "$got" = "$2" ]; then pass "the pre-commit hook, $1: exit $got"
  else cat "$LOGS/hook.log" >&2; fail "the pre-commit hook, $1: exit $got, not $2"; fi
}
if [ -z "$hook" ]; then
  fail "no pre-commit hook snippet (a sh block)"
elif [ ! -f target/dispatchcheck.jar ]; then
  fail "no target/dispatchcheck.jar for the hook to run (the farm path's lint builds it)"
else
  repo="$WORK/repo"
  git init -q "$repo"
  g() { git -C "$repo" -c user.name=readme -c user.email=readme@invalid "$@"; }
  echo "an operator's infrastructure repository" >"$repo/README"
  g add README && g commit -qm start
  sed "s#[^ ]*/dispatchcheck\.jar#$PWD/target/dispatchcheck.jar#" "$hook" >"$repo/.git/hooks/pre-commit"
  chmod +x "$repo/.git/hooks/pre-commit"
  cp -R examples/guide-farm "$repo/farm" && g add farm
  hook_exits "a sound farm staged" 0
  g commit -qm farm >>"$LOGS/hook.log" 2>&1 || fail "git commit of a sound farm was refused"
  rm -rf "$repo/farm" && cp -R examples/malformed-farm "$repo/farm" && g add -A farm
  hook_exits "a malformed farm staged" 2
  if g commit -qm malformed >>"$LOGS/hook.log" 2>&1; then fail "git commit of a malformed farm went through"
  else pass "git commit of a malformed farm refused"; fi
  # Nothing is left to commit when the hook let the malformed farm through (said failed above).
  g commit -qm malformed --no-verify >>"$LOGS/hook.log" 2>&1 || true
  hook_exits "farm/ untouched (though it does not lint)" 0
fi

# --- Develop dispatchcheck: the test command is what CI runs -----------------------------
mapfile -t develop < <(commands "## Develop dispatchcheck")
three "commands in \"Develop dispatchcheck\"" "${#develop[@]}"
listed=$(./dispatchcheck help | sed -n 's#^ *\./dispatchcheck \([a-z]*\).*#\1#p')
subs=""
for line in "${develop[@]}"; do
  IFS=$'\t' read -r cmd want why <<<"$line"
  [ "$want" != "?" ] || fail "'$cmd' states no exit code (# exit N: why)"
  sub=$(printf '%s\n' "$cmd" | sed -n 's#^\./dispatchcheck \([a-z]*\).*#\1#p')
  subs="$subs $sub"
  if [ -z "$sub" ] || ! printf '%s\n' "$listed" | grep -Fxq -- "$sub"; then
    fail "'$cmd' is no command './dispatchcheck help' lists"
  elif [ "$sub" = test ]; then
    if grep -Fxq -e "$cmd" -e "step $cmd" .ci/run; then pass "'$cmd' is what .ci/run runs"
    else fail "'$cmd' is not a line of .ci/run: CI does not run the README's test command"; fi
  else
    pass "'$cmd' is a command of the launcher (not run here)"
  fi
done
# --- After rollout: live needs a real agent host, so it is not run here (tests/live-farm.sh
# runs it through the launcher, against stand-ins); each command must be the launcher's -------
mapfile -t rollout < <(commands "## After rollout")
[ "${#rollout[@]}" -gt 0 ] || fail "no commands in \"After rollout\""
for line in "${rollout[@]}"; do
  IFS=$'\t' read -r cmd want why <<<"$line"
  [ "$want" != "?" ] || fail "'$cmd' states no exit code (# exit N: why)"
  sub=$(printf '%s\n' "$cmd" | sed -n 's#^\./dispatchcheck \([a-z]*\).*#\1#p')
  if [ -z "$sub" ] || ! printf '%s\n' "$listed" | grep -Fxq -- "$sub"; then
    fail "'$cmd' is no command './dispatchcheck help' lists"
  else
    pass "'$cmd' is a command of the launcher (run against stand-ins by tests/live-farm.sh)"
    case " $subs " in *" $sub "*) ;; *) subs="$subs $sub" ;; esac
  fi
done

# A command's --help is answered without provisioning: before, the launcher took the plan's
# own usage text for Debian suites and tried to build a base image called "Usage:".
for sub in $subs; do
  if out=$(./dispatchcheck "$sub" --help 2>&1) && printf '%s\n' "$out" | grep -q '^Usage: dispatchcheck' \
      && ! printf '%s\n' "$out" | grep -q 'base image'; then
    pass "'./dispatchcheck $sub --help' prints its usage, nothing provisioned"
  else
    fail "'./dispatchcheck $sub --help' did not just print its usage: $(printf '%s' "$out" | tail -3)"
  fi
done
for sub in test conformance; do
  case " $subs " in *" $sub "*) ;; *) fail "the develop path lacks './dispatchcheck $sub', one of the two setup commands" ;; esac
done

if [ "$failures" -eq 0 ]; then say "the README's three paths hold as it states"; exit 0; fi
say "$failures of the README's statements do not hold"
exit 1
