# Sourced by the proofs that count their checks (after they define say): ok and bad count
# and say each check; tally says the count last and is true only if none failed.
passed=0 failed=0
ok() { passed=$((passed + 1)); say "ok: $*"; }
bad() { failed=$((failed + 1)); say "FAILED: $*"; }
tally() { trap - ERR; say "$passed checks held, $failed failed"; [ "$failed" = 0 ]; }
# A command that fails outside a check ends a set -e proof; this says where, and the count so
# far, instead of ending it without a word (gitlab-template.sh once did, in CI).
# set -E carries it into functions and subshells; a subshell's failure is said once, by its
# outermost shell.
set -E
trap 'rc=$?; [ "$BASH_SUBSHELL" != 0 ] || say "${BASH_SOURCE[0]:-$0}:$LINENO: a command failed (exit $rc); $passed checks held and $failed failed before it"' ERR
