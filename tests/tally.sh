# shellcheck shell=bash
# Sourced by the proofs that count their checks (after they define say): ok and bad count
# and say each check; tally says the count last and is true only if none failed.
passed=0 failed=0
ok() { passed=$((passed + 1)); say "ok: $*"; }
bad() { failed=$((failed + 1)); say "FAILED: $*"; }
# A check that FIXED-STRING is a line's, or part of one, in FILE (a FILE not there fails it).
has_in() {  # WHAT FIXED-STRING FILE
  if grep -qF -- "$2" "$3" 2>/dev/null; then ok "$1"; else bad "$1 (no line with '$2' in ${3##*/})"; fi
}
# Its twin: a check that FIXED-STRING is in none of PATHs (files or directories, searched whole): a path
# that is not there fails it, as grep's "no such file" would otherwise pass it.
lacks_in() {  # WHAT FIXED-STRING PATH...
  local what=$1 text=$2 p; shift 2
  for p in "$@"; do if [ ! -e "$p" ]; then bad "$what (there is no ${p##*/} to look in)"; return 0; fi; done
  if grep -rqF -- "$text" "$@"; then bad "$what (it is there)"; else ok "$what"; fi
}
tally() { trap - ERR; say "$passed checks held, $failed failed"; [ "$failed" = 0 ]; }
# A command that fails outside a check ends a set -e proof; this says where, and the count so
# far, instead of ending it without a word (gitlab-template.sh once did, in CI).
# set -E carries it into functions and subshells; a subshell's failure is said once, by its
# outermost shell.
set -E
# shellcheck disable=SC2154 # tally_rc is assigned in the trap's own text
trap 'tally_rc=$?; [ "$BASH_SUBSHELL" != 0 ] || say "${BASH_SOURCE[0]:-$0}:$LINENO: a command failed (exit $tally_rc); $passed checks held and $failed failed before it"' ERR
