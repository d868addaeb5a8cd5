#!/usr/bin/env bash
# Proves the CI recipe without GitHub or GitLab. ci/farm-check.sh is what action.yml and
# ci/gitlab/dispatchcheck.gitlab-ci.yml run; here it runs the same way, with the same
# environment, in a throwaway git repository whose farm/ is examples/guide-farm-before at
# commit 1 and examples/guide-farm at commit 2 (a change that moves four cells: the agent's
# and its effects', each for aarch64-linux with and without big-parallel):
#   1. its plumbing, with tests/ci-recipe-stub.sh in place of dispatchcheck (no Docker): the
#      base farm handed to --before is commit 1's, byte for byte; the gate's flag; a push
#      (no base ref: HEAD~1); a shallow clone (the base fetched); a farm the base lacks;
#      invalid input (exit 2), a farm path that is or passes through a symbolic link, or a
#      base where the farm is one, among it; the caller's work tree left as it was; the
#      summary naming no path of the job's; a launcher whose Maven failed (exit 3): the
#      summary quotes Maven's first error and names the log in the report;
#   2. the recipe with the real ./dispatchcheck: a farm that does not lint, with no engine to
#      reach: exit 2, the summary quoting its file and line; then (Docker) twice at once: with the gate, exit 1 and moves.xml
#      (JUnit) a failure for each of the four moved cells; without, exit 0 and no failure;
#      either way the summary names the moved cell and map.html, cucumber.xml, moves.xml
#      and cucumber.html are there to upload.
# Usage: tests/ci-recipe.sh               both parts
#        tests/ci-recipe.sh --plumbing    part 1 only
#        tests/ci-recipe.sh --make-repo DIR   only make the repository (the workflow uses it)
# DISPATCHCHECK=LAUNCHER runs part 2 with another launcher (a copy of the stub: a dry run).
# Exits 0 only if every check held; the last line counts them.
# shellcheck disable=SC2016 # Markdown's backticks are meant literally
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
say() { printf '[ci-recipe] %s\n' "$*" >&2; }
MOVE='hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com'
passed=0 failed=0

make_repo() {  # DIR: commit 0 without a farm, commits 1 and 2 with farm/ before and after the change
  local dir=$1
  mkdir -p "$dir"
  git -C "$dir" init -q -b main
  commit() { git -C "$dir" add -A && git -C "$dir" -c user.name=ci-recipe -c user.email=ci-recipe@example.invalid commit -qm "$1"; }
  echo "an operator's infrastructure repository" >"$dir/README"
  commit "no farm yet"
  cp -R "$root/examples/guide-farm-before" "$dir/farm"
  commit "farm: the agent uses the system's builders"
  rm -rf "$dir/farm"
  cp -R "$root/examples/guide-farm" "$dir/farm"
  commit "farm: narrow the agent to aarch64-linux-1"
}

if [ "${1:-}" = --make-repo ]; then make_repo "${2:?--make-repo DIR}"; exit 0; fi

tmp=$(mktemp -d /tmp/dispatchcheck-ci-recipe.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
make_repo "$repo"
c0=$(git -C "$repo" rev-parse HEAD~2) c1=$(git -C "$repo" rev-parse HEAD~1)

check() {  # WHAT COMMAND...: one check, counted
  if "${@:2}"; then say "ok: $1"; passed=$((passed + 1)); else say "FAILED: $1"; failed=$((failed + 1)); fi
}
has() { [ -f "$1" ] && [[ $(cat "$1") == *"$2"* ]]; }   # FILE TEXT: TEXT, lines and all, in FILE
lacks() { ! [[ $(cat "$1" 2>/dev/null) == *"$2"* ]]; }
absent() { [ ! -e "$1" ]; }
one() { compgen -G "$1" >/dev/null; }   # a glob that matches
same() { [ "$1" = "$2" ]; }

# Runs the recipe as a CI job would: in the checkout (DIR), the inputs in the environment.
# NAME names its report ($tmp/NAME), summary, outputs and log; sets rc.
recipe() {  # NAME DIR LAUNCHER VAR=VALUE...
  local name=$1 dir=$2 launcher=$3 args
  shift 3
  args="$*"
  say "recipe '$name': ${args//[^A-Za-z0-9=\/._:, -]/?}"   # the odd values as '?': this log is a CI log too
  set +e
  (cd "$dir" && env DISPATCHCHECK="$launcher" DISPATCHCHECK_FARM=farm DISPATCHCHECK_BASE_REF="$c1" \
      DISPATCHCHECK_MATRIX=2.26/2.26 DISPATCHCHECK_FAIL_ON_MOVE=true DISPATCHCHECK_OUT="$tmp/$name" \
      GITHUB_STEP_SUMMARY="$tmp/$name.summary" GITHUB_OUTPUT="$tmp/$name.output" STUB_ARGS="$tmp/$name.args" \
      "$@" "$root/ci/farm-check.sh") >"$tmp/$name.log" 2>&1
  rc=$?
  set -e
  if [ "$rc" -ge 2 ]; then tail -n 20 "$tmp/$name.log" | sed 's/^/    /' >&2; fi
}

uploads() {  # NAME: the files the Action and the GitLab job upload, and the summary in every place
  check "$1: map.html to upload" one "$tmp/$1/*/map.html"
  check "$1: cucumber.xml (JUnit) to upload" one "$tmp/$1/*/cucumber.xml"
  check "$1: moves.xml (JUnit: the gate) to upload" one "$tmp/$1/*/moves.xml"
  check "$1: cucumber.html to upload" one "$tmp/$1/*/cucumber.html"
  check "$1: summary.md names the moved cell" has "$tmp/$1/summary.md" "$MOVE"
  check "$1: the job summary names the moved cell" has "$tmp/$1.summary" "$MOVE"
  check "$1: the log names the moved cell" has "$tmp/$1.log" "$MOVE"
  check "$1: the summary names no path of the job's (gone when it is read)" lacks "$tmp/$1/summary.md" "$tmp/"
  check "$1: ... nor of the launcher's checkout" lacks "$tmp/$1/summary.md" "$root/"
}

# How many of FILE's lines hold TEXT (0 for none, or no file).
count() { grep -cF -- "$2" "$1" 2>/dev/null || true; }

plumbing() {
  local stub="$tmp/stub/dispatchcheck" sums
  mkdir -p "$tmp/stub"
  cp "$root/tests/ci-recipe-stub.sh" "$stub"
  sums=$(cd "$root/examples/guide-farm-before" && find . -type f -exec sha256sum {} + | sort -k2 | sed 's/^/before: /')

  recipe pr "$repo" "$stub"
  check "pull request, gate on: exit 1" same 1 "$rc"
  uploads pr
  check "pull request: --before and --fail-on-move" has "$tmp/pr.args" --fail-on-move
  check "pull request: the matrix given" has "$tmp/pr.args" $'--matrix\n2.26/2.26\n'

  check "pull request: the base farm is commit 1's, byte for byte" same "$sums" "$(grep '^before: ' "$tmp/pr.args")"
  check "pull request: outputs exit-code and moved" has "$tmp/pr.output" $'exit-code=1\nmoved=1'
  check "pull request: the caller's work tree and index are as they were" same "" "$(git -C "$repo" status --porcelain)"

  recipe gate-off "$repo" "$stub" DISPATCHCHECK_FAIL_ON_MOVE=false
  check "gate off: exit 0" same 0 "$rc"
  check "gate off: no --fail-on-move" lacks "$tmp/gate-off.args" --fail-on-move
  check "gate off: the summary still names the moved cell" has "$tmp/gate-off/summary.md" "$MOVE"

  recipe default-matrix "$repo" "$stub" DISPATCHCHECK_MATRIX=
  check "no matrix given (the Action's and the template's default): exit 1" same 1 "$rc"
  check "no matrix given: none passed, check's own is used" lacks "$tmp/default-matrix.args" --matrix

  recipe push "$repo" "$stub" DISPATCHCHECK_BASE_REF=
  check "push (no base ref): exit 1 against HEAD~1" same 1 "$rc"
  check "push: the summary says HEAD~1" has "$tmp/push/summary.md" 'the commit before (`HEAD~1`)'

  git clone -q --depth 1 "file://$repo" "$tmp/clone-shallow"
  recipe shallow "$tmp/clone-shallow" "$stub"
  check "shallow clone: the base commit is fetched, exit 1" same 1 "$rc"
  check "shallow clone: the base farm is commit 1's" same "$sums" "$(grep '^before: ' "$tmp/shallow.args")"
  git clone -q --depth 1 "file://$repo" "$tmp/clone-shallow-push"
  recipe shallow-push "$tmp/clone-shallow-push" "$stub" DISPATCHCHECK_BASE_REF=
  check "shallow clone, push: deepened by one commit, exit 1" same 1 "$rc"

  recipe new-farm "$repo" "$stub" DISPATCHCHECK_BASE_REF="$c0"
  check "a farm the base lacks: mapped alone, exit 0" same 0 "$rc"
  check "a farm the base lacks: no --before" lacks "$tmp/new-farm.args" --before
  check "a farm the base lacks: said so" has "$tmp/new-farm/summary.md" "does not exist at the base"

  recipe bad-gate "$repo" "$stub" DISPATCHCHECK_FAIL_ON_MOVE=maybe
  check "fail-on-move 'maybe': exit 2" same 2 "$rc"
  check "fail-on-move 'maybe': the job summary says why" has "$tmp/bad-gate.summary" "true or false"
  recipe no-farm "$repo" "$stub" DISPATCHCHECK_FARM=farms
  check "a farm directory that does not exist: exit 2" same 2 "$rc"
  recipe odd-farm "$repo" "$stub" DISPATCHCHECK_FARM=$'farm\e[2J##[error]x`y'
  check "a farm name with an escape sequence, a log command and a backtick: exit 2" same 2 "$rc"
  check "... the log shows none of them raw" same "" "$(grep -F -e $'\e' -e '##[' "$tmp/odd-farm.log" || true)"
  check "... nor does the summary: each byte of them in hex" has "$tmp/odd-farm.summary" \
    "the farm directory \`\$'farm\\x1b\\x5b2J\\x23\\x23\\x5berror\\x5dx\\x60y'\` does not exist"
  recipe bad-ref "$repo" "$stub" DISPATCHCHECK_BASE_REF=--upload-pack=touch
  check "a ref that is an option: exit 2" same 2 "$rc"
  recipe unknown-ref "$repo" "$stub" DISPATCHCHECK_BASE_REF=no-such-branch
  check "a base ref that is nowhere: exit 2" same 2 "$rc"
  mkdir -p "$tmp/not-ours" && touch "$tmp/not-ours/keep"
  recipe not-ours "$repo" "$stub" DISPATCHCHECK_OUT="$tmp/not-ours"
  check "a report directory holding other files: exit 2, and they are kept" same "2 keep" "$rc $(ls "$tmp/not-ours")"
  touch "$tmp/pr/left-by-an-earlier-run"
  recipe pr "$repo" "$stub"
  check "an earlier report in the report directory is replaced: exit 1, nothing of it left" \
    same "1 absent" "$rc $([ -e "$tmp/pr/left-by-an-earlier-run" ] && echo present || echo absent)"

  # The farm must be the directory it names: a link could lead out of the repository.
  git clone -q "file://$repo" "$tmp/clone-links"
  ln -s farm "$tmp/clone-links/farm-link"
  ln -s . "$tmp/clone-links/infra"
  recipe link "$tmp/clone-links" "$stub" DISPATCHCHECK_FARM=farm-link
  check "a farm path that is a symbolic link: exit 2" same 2 "$rc"
  check "a farm path that is a symbolic link: said so" has "$tmp/link.summary" "is a symbolic link"
  check "a farm path that is a symbolic link: the launcher never ran" absent "$tmp/link.args"
  recipe link-slash "$tmp/clone-links" "$stub" DISPATCHCHECK_FARM=farm-link/
  check "a farm path that is a symbolic link, written with a slash: exit 2" same 2 "$rc"
  recipe link-parent "$tmp/clone-links" "$stub" DISPATCHCHECK_FARM=infra/farm
  check "a farm path through a symbolic link: exit 2" same "2" "$rc"
  check "a farm path through a symbolic link: said so" has "$tmp/link-parent.summary" "passes through a symbolic link"
  recipe no-link "$tmp/clone-links" "$stub" DISPATCHCHECK_FARM=./farm/
  check "the same farm named as itself: exit 1 (it moved)" same 1 "$rc"
  git clone -q "file://$repo" "$tmp/clone-base-link"
  (cd "$tmp/clone-base-link" && git rm -rq farm && ln -s /etc farm && git add farm \
    && git -c user.name=ci-recipe -c user.email=ci-recipe@example.invalid commit -qm "farm: a link" \
    && rm farm && cp -R "$root/examples/guide-farm" farm && git add -A \
    && git -c user.name=ci-recipe -c user.email=ci-recipe@example.invalid commit -qm "farm: a directory")
  recipe base-link "$tmp/clone-base-link" "$stub" DISPATCHCHECK_BASE_REF=
  check "a farm that is a symbolic link at the base: exit 2" same 2 "$rc"
  check "a farm that is a symbolic link at the base: said so" has "$tmp/base-link/summary.md" "no directory at the base"

  # The launcher failed before the check began: the summary quotes the cause, not what followed.
  recipe maven "$repo" "$stub" STUB_MAVEN_FAILS=1
  check "Maven failed: exit 3" same 3 "$rc"
  check "Maven failed: the summary quotes its first error" has "$tmp/maven/summary.md" \
    $'The first error (the rest in `dispatchcheck.log` (and Maven\'s own, `maven.log`), in the report kept as `maven`):\n\n````text\n[ERROR] Non-resolvable import POM: Could not transfer artifact org.junit:junit-bom:pom:5.14.1 from/to central'
  check "Maven failed: not the introduction before it" lacks "$tmp/maven/summary.md" "Some problems were encountered"
  check "Maven failed: nor the lines that follow it" lacks "$tmp/maven/summary.md" "re-run Maven with the -e switch"
  check "Maven failed: Maven's log is in the report" one "$tmp/maven/maven.log"
  check "Maven failed: the summary names no path that goes with the job" lacks "$tmp/maven/summary.md" "target/maven.log"
  check "Maven failed: ... nor a temporary one" lacks "$tmp/maven/summary.md" "$tmp/"
  recipe maven-named "$repo" "$stub" STUB_MAVEN_FAILS=1 DISPATCHCHECK_ARTIFACT=farm-report
  check "the summary names the artifact as the job keeps it" has "$tmp/maven-named/summary.md" 'kept as `farm-report`'
  recipe other-maven "$repo" "$stub" STUB_OTHER_JOBS_MAVEN=1
  check "another job's Maven log, newer but not this job's, is not in the report" absent "$tmp/other-maven/maven.log"

  # A command of the recipe's own that fails where none should (here git, as a full disk would
  # make it): exit 3 and a summary naming the line, not set -e's bare exit 128 and no summary.
  mkdir -p "$tmp/bin-failing-git"
  printf '#!/bin/sh\nfor a; do [ "$a" = checkout-index ] && { echo "fatal: (a failing git of the proof)" >&2; exit 128; }; done\nexec %s "$@"\n' \
    "$(command -v git)" >"$tmp/bin-failing-git/git"
  chmod +x "$tmp/bin-failing-git/git"
  recipe failing-git "$repo" "$stub" PATH="$tmp/bin-failing-git:$PATH"
  check "a command of the recipe's own failed: exit 3" same 3 "$rc"
  check "a command of the recipe's own failed: the summary names its line" has "$tmp/failing-git/summary.md" \
    'The recipe itself stopped: a command at `ci/farm-check.sh` line'
  local called_at
  called_at=$(sed -nE 's/.*\(in g, called at line ([0-9]+)\).*/\1/p' "$tmp/failing-git/summary.md" 2>/dev/null) || called_at=""   # no summary: the checks around say so
  check "a command of the recipe's own failed: the line named is the git checkout-index that failed" \
    same checkout-index "$(sed -n "${called_at:-0}p" "$root/ci/farm-check.sh" | grep -o checkout-index)"
  check "a command of the recipe's own failed: the job summary too" has "$tmp/failing-git.summary" "The recipe itself stopped"
  check "a command of the recipe's own failed: the exit-code output is 3" has "$tmp/failing-git.output" "exit-code=3"
}

real() {
  local launcher=${DISPATCHCHECK:-$root/dispatchcheck} rc_gate rc_no_gate
  # The two recipes run at once, as two CI jobs would, each in a checkout of its own: a map
  # builds one cell at a time, so one run leaves most of the two cores idle. The jar is
  # built first, if its sources changed, so that the two never build it together.
  if [ "$launcher" = "$root/dispatchcheck" ]; then
    "$launcher" provision --matrix 2.26/2.26 >"$tmp/provision.log" 2>&1 \
      || { tail -n 20 "$tmp/provision.log" >&2; say "FAILED: provisioning for the real recipes"; failed=$((failed + 1)); return; }
  fi
  # A pull request whose farm does not lint, through the real launcher with no engine to reach:
  # exit 2 before anything is provisioned, the summary quoting the file and line.
  git clone -q "$repo" "$tmp/repo-malformed"
  rm -rf "$tmp/repo-malformed/farm" && cp -R "$root/examples/malformed-farm" "$tmp/repo-malformed/farm"
  git -C "$tmp/repo-malformed" add -A
  git -C "$tmp/repo-malformed" -c user.name=ci-recipe -c user.email=ci-recipe@example.invalid commit -qm "farm: a typo"
  recipe malformed "$tmp/repo-malformed" "$launcher" DOCKER_HOST=unix:///nonexistent/dispatchcheck-ci-recipe.sock
  check "the real check, a farm that does not lint: exit 2, no engine needed" same 2 "$rc"
  check "the real check, a farm that does not lint: the summary quotes its file and line" \
    has "$tmp/malformed/summary.md" "farm/agent/etc/nix/machines:2: error:"

  git clone -q "$repo" "$tmp/repo-no-gate"
  (recipe gate "$repo" "$launcher"; echo "$rc" >"$tmp/gate.rc") &
  (recipe no-gate "$tmp/repo-no-gate" "$launcher" DISPATCHCHECK_FAIL_ON_MOVE=false; echo "$rc" >"$tmp/no-gate.rc") &
  wait
  rc_gate=$(cat "$tmp/gate.rc" 2>/dev/null || echo none) rc_no_gate=$(cat "$tmp/no-gate.rc" 2>/dev/null || echo none)

  check "the real check, gate on: exit 1 (the example moves 4 cells)" same 1 "$rc_gate"
  uploads gate
  check "the real check: moves.json beside map.json" one "$tmp/gate/*/moves.json"
  check "the real check: outputs exit-code=1 and moved=4" has "$tmp/gate.output" $'exit-code=1\nmoved=4'
  check "the real check, gate on: moves.xml has a failure for each of the 4 moved cells" \
    same "4 4 0" "$(count "$tmp"/gate/*/moves.xml '<failure ') $(count "$tmp"/gate/*/moves.xml \
      'message="moved: aarch64-linux-0.example.com → aarch64-linux-1.example.com"') $(count "$tmp"/gate/*/moves.xml '<error ')"
  check "the real check, gate on: moves.xml's suite counts them" has "$tmp"/gate/*/moves.xml 'failures="4" errors="0"'

  check "the real check, gate off: exit 0" same 0 "$rc_no_gate"
  uploads no-gate
  check "the real check, gate off: moves.xml fails nothing, and says the 4 moves" \
    same "0 4" "$(count "$tmp"/no-gate/*/moves.xml '<failure ') $(count "$tmp"/no-gate/*/moves.xml '<system-out>moved: ')"
  check "the real check, gate off: the summary says the moves fail nothing" has "$tmp/no-gate/summary.md" "Reported only"
}

plumbing
if [ "${1:-}" != --plumbing ]; then real; fi
if [ "$failed" -gt 0 ]; then say "logs and reports kept in $tmp"; trap - EXIT; fi
echo "ci-recipe: $passed passed, $failed failed"
[ "$failed" = 0 ]
