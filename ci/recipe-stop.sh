# shellcheck shell=bash
# Sourced by the CI recipes (ci/farm-check.sh, ci/live-check.sh) once they have defined say
# and finish: a command of the recipe's own that fails where none should (git on an odd
# repository, a full disk) still ends with a summary and exit 3, naming the line and the
# calls that led there, never with set -e's bare exit code (1 would read as a failed
# expectation). -E: in functions too; a subshell's failure is said by its outermost shell.

recipe_stopped() {  # RECIPE LINE EXIT FUNCNAME BASH_LINENO
  [ "$BASH_SUBSHELL" = 0 ] || return 0
  trap - ERR   # once (finish takes set -e down: one of its own writes may fail the same way)
  local recipe=$1 where="line $2" code=$3 fns lines i calls=""
  read -ra fns <<<"$4"
  read -ra lines <<<"$5"
  # The calls that led there, innermost first (the last of FUNCNAME is main).
  for ((i = 0; i + 1 < ${#fns[@]}; i++)); do calls+="${calls:+; }in ${fns[i]}, called at line ${lines[i]}"; done
  if [ -n "$calls" ]; then where+=" ($calls)"; fi
  say "error: $recipe stopped at $where (exit $code)"
  finish 3 "The recipe itself stopped: a command at \`$recipe\` $where failed (exit $code). Its own output is in the job's log."
}

stop_recipe_on_failure() {  # RECIPE: its path as the summary names it (ci/farm-check.sh)
  set -E
  # shellcheck disable=SC2064 # the recipe's name now; the rest when the trap fires
  trap "recipe_stopped '$1' \"\$LINENO\" \"\$?\" \"\${FUNCNAME[*]:-}\" \"\${BASH_LINENO[*]:-}\"" ERR
}
