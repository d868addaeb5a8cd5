#!/usr/bin/env bash
# Proves that runs sharing one Docker engine never touch each other, and that what a
# killed run left still goes:
#   1. two runs started together, the second in a PID namespace of its own (as a second CI
#      job with the host's Docker socket would be), while the first's hosts are up: both pass,
#      ROUNDS times in a row;
#   2. a run killed with SIGKILL: the next run in the same PID namespace removes its hosts
#      at its start (its process is gone);
#   3. a run killed with SIGKILL in another PID namespace: once its lease is older than
#      DISPATCHCHECK_LEASE_SECONDS (45 s here, the shortest allowed), the next run removes its hosts.
# Exits 0 only if every expectation held and no run's containers or networks are left.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib.sh
say() { printf '[shared-engine] %s\n' "$*" >&2; }
ROUNDS="${ROUNDS:-2}"
LEASE=45   # the shortest lease allowed (a renewal every 10 s, which may take up to 30 s, and a margin)
RUN=(conformance --matrix 2.26/2.26 --name "agent uses only aarch64-linux-1 \(ssh\)")
# The run this script kills is told apart by a name filter no other run on the machine has.
KILL_MARK="killed-by-shared-engine-$$"
KILLED=(conformance --matrix 2.26/2.26 --name "agent uses only aarch64-linux-1 \(ssh\)|$KILL_MARK")
LOGS="$(mktemp -d /tmp/dispatchcheck-shared-engine.XXXXXX)"
failures=0

./dispatchcheck provision --matrix 2.26/2.26   # engine, images and one build that every run below shares
export DISPATCHCHECK_SKIP_BUILD=1 DISPATCHCHECK_LEASE_SECONDS="$LEASE"

runs() { docker ps -a --filter label=dispatchcheck.run --format '{{.Label "dispatchcheck.run"}}' | sort -u; }
await_hosts() {  # until a run other than those in $1 has a container, up to 120 s
  for _ in $(seq 1 240); do
    local new; new=$(comm -13 <(printf '%s\n' $1 | sort -u) <(runs) | head -n1)
    [ -n "$new" ] && { echo "$new"; return; }
    sleep 0.5
  done
  say "no run started its hosts within 120 s"; return 1
}
# The killed run must have left something, or the removal that follows proves nothing (a run
# that ended before the kill leaves none).
left_some() {  # run id
  local n; n=$(ours "$1")
  if [ "$n" -gt 0 ]; then say "the killed run left $n containers and networks, as it must for the next check to mean anything"
  else say "FAILED: the killed run left nothing (did it end before the kill?): the removal below proves nothing"; failures=$((failures + 1)); fi
}
check() {  # what, expected, got
  if [ "$2" = "$3" ]; then say "$1: $3, as it must"; else say "FAILED: $1: $3, not $2"; failures=$((failures + 1)); fi
}
in_own_pid_namespace() { unshare --pid --fork --mount-proc "$@"; }

[ "$(ours)" = 0 ] || { say "the engine holds $(ours) containers and networks of earlier runs: run ./dispatchcheck clean first"; exit 3; }

for round in $(seq 1 "$ROUNDS"); do
  say "round $round of $ROUNDS: two runs together, the second in its own PID namespace"
  ./dispatchcheck "${RUN[@]}" >"$LOGS/a$round.log" 2>&1 & a=$!
  await_hosts "" >/dev/null
  in_own_pid_namespace ./dispatchcheck "${RUN[@]}" >"$LOGS/b$round.log" 2>&1 & b=$!
  set +e; wait $a; ra=$?; wait $b; rb=$?; set -e
  check "round $round, run A (this namespace)" 0 "$ra"
  check "round $round, run B (its own namespace)" 0 "$rb"
  if grep -h "removed .* that ended runs left behind" "$LOGS/a$round.log" "$LOGS/b$round.log"; then
    say "FAILED: a run removed another's hosts"; failures=$((failures + 1))
  fi
done

kill_run_with_hosts() {  # starts a run (with a prefix command, if any), kills its JVM with SIGKILL once its hosts are up; prints its run id
  local before; before=$(runs)
  "$@" ./dispatchcheck "${KILLED[@]}" >"$LOGS/killed.log" 2>&1 &
  local id; id=$(await_hosts "$before")
  local pid; pid=$(docker ps -a --filter "label=dispatchcheck.run=$id" --format '{{.Label "dispatchcheck.pid"}}' | head -n1)
  sleep 3
  pkill -KILL -f "$KILL_MARK" || true
  wait || true
  say "killed run $id (its pid in its namespace: $pid) with SIGKILL; it left $(ours "$id") containers and networks"
  echo "$id"
}

say "a run killed with SIGKILL in this namespace; the next run here removes what it left at its start"
id=$(kill_run_with_hosts)
left_some "$id"
set +e; ./dispatchcheck "${RUN[@]}" >"$LOGS/after-kill.log" 2>&1; rc=$?; set -e
check "the next run" 0 "$rc"
check "containers and networks of the killed run left" 0 "$(ours "$id")"

say "a run killed with SIGKILL in another PID namespace; once its lease is $LEASE s old, the next run removes what it left"
id=$(kill_run_with_hosts in_own_pid_namespace)
left_some "$id"
t_killed=$SECONDS
sleep $((LEASE + 5))
set +e; ./dispatchcheck "${RUN[@]}" >"$LOGS/after-kill-elsewhere.log" 2>&1; rc=$?; set -e
check "the next run" 0 "$rc"
check "containers and networks of the killed run left, $((SECONDS - t_killed)) s after the kill" 0 "$(ours "$id")"
grep -h "is gone" "$LOGS/after-kill-elsewhere.log" >&2 || true

check "containers and networks of any run left at the end" 0 "$(ours)"
if [ "$failures" = 0 ]; then say "passed (logs: $LOGS)"; rm -rf "$LOGS"; else say "FAILED: $failures (logs: $LOGS)"; exit 1; fi
