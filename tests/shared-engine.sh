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
# The run this script kills is told apart by a name filter no other run on the machine has,
# and every run it starts by a run id of its own (the label its containers carry): another
# run on the same engine is never taken for one of these.
KILL_MARK="killed-by-shared-engine-$$"
ID_PREFIX="shared-engine-$$"
KILLED=(conformance --matrix 2.26/2.26 --name "agent uses only aarch64-linux-1 \(ssh\)|$KILL_MARK")
LOGS="$(mktemp -d /tmp/dispatchcheck-shared-engine.XXXXXX)"
failures=0

./dispatchcheck provision --matrix 2.26/2.26   # engine, images and one build that every run below shares
export DISPATCHCHECK_SKIP_BUILD=1 DISPATCHCHECK_LEASE_SECONDS="$LEASE"

runs() { docker ps -a --filter label=dispatchcheck.run --format '{{.Label "dispatchcheck.run"}}' | sort -u; }
await_hosts() {  # RUN-ID LOG: until the run has a container, up to 120 s; else its log is shown, and the proof ends
  local p
  for _ in $(seq 1 240); do
    if runs | grep -qxF "$1"; then return 0; fi
    sleep 0.5
  done
  say "FAILED: run $1 started no hosts within 120 s (logs: $LOGS); its log ends:"
  tail -n 20 "$2" >&2 || true
  for p in $(jobs -p); do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  exit 1
}
# The killed run must have left something, or the removal that follows proves nothing (a run
# that ended before the kill leaves none).
left_some() {  # run id
  local n; n=$(ours "$1")
  if ! [[ $n =~ ^[0-9]+$ ]]; then say "FAILED: what the killed run left: $n"; failures=$((failures + 1))
  elif [ "$n" -gt 0 ]; then say "the killed run left $n containers and networks, as it must for the next check to mean anything"
  else say "FAILED: the killed run left nothing (did it end before the kill?): the removal below proves nothing"; failures=$((failures + 1)); fi
}
# Its negative twin: a run id that never started has left nothing, and left_some must say so.
left_some_twin() {
  local before=$failures
  left_some "$ID_PREFIX-never-started" 2>/dev/null
  if [ "$failures" = $((before + 1)) ]; then failures=$before; say "left_some fails on a run that left nothing, as it must"
  else say "FAILED: left_some passed a run that left nothing"; failures=$((before + 1)); fi
}
check() {  # what, expected, got
  if [ "$2" = "$3" ]; then say "$1: $3, as it must"; else say "FAILED: $1: $3, not $2"; failures=$((failures + 1)); fi
}
in_own_pid_namespace() { unshare --pid --fork --mount-proc "$@"; }

[ "$(ours)" = 0 ] || { say "the engine holds $(ours) containers and networks of earlier runs: run ./dispatchcheck clean first"; exit 3; }
left_some_twin

for round in $(seq 1 "$ROUNDS"); do
  say "round $round of $ROUNDS: two runs together, the second in its own PID namespace"
  DISPATCHCHECK_RUN_ID="$ID_PREFIX-a$round" ./dispatchcheck "${RUN[@]}" >"$LOGS/a$round.log" 2>&1 & a=$!
  await_hosts "$ID_PREFIX-a$round" "$LOGS/a$round.log"
  in_own_pid_namespace ./dispatchcheck "${RUN[@]}" >"$LOGS/b$round.log" 2>&1 & b=$!
  set +e; wait $a; ra=$?; wait $b; rb=$?; set -e
  check "round $round, run A (this namespace)" 0 "$ra"
  check "round $round, run B (its own namespace)" 0 "$rb"
  if grep -h "removed .* that ended runs left behind" "$LOGS/a$round.log" "$LOGS/b$round.log"; then
    say "FAILED: a run removed another's hosts"; failures=$((failures + 1))
  fi
done

kill_run_with_hosts() {  # run id, then a prefix command, if any: starts the run, kills its JVM with SIGKILL once its hosts are up
  local id="$1"; shift
  DISPATCHCHECK_RUN_ID="$id" "$@" ./dispatchcheck "${KILLED[@]}" >"$LOGS/killed.log" 2>&1 &
  await_hosts "$id" "$LOGS/killed.log"
  local pid; pid=$(docker ps -a --filter "label=dispatchcheck.run=$id" --format '{{.Label "dispatchcheck.pid"}}' | head -n1)
  sleep 3
  pkill -KILL -f "$KILL_MARK" || true
  wait || true
  say "killed run $id (its pid in its namespace: $pid) with SIGKILL; it left $(ours "$id") containers and networks"
}

say "a run killed with SIGKILL in this namespace; the next run here removes what it left at its start"
id="$ID_PREFIX-killed-here"
kill_run_with_hosts "$id"
left_some "$id"
set +e; ./dispatchcheck "${RUN[@]}" >"$LOGS/after-kill.log" 2>&1; rc=$?; set -e
check "the next run" 0 "$rc"
check "containers and networks of the killed run left" 0 "$(ours "$id")"

say "a run killed with SIGKILL in another PID namespace; once its lease is $LEASE s old, the next run removes what it left"
id="$ID_PREFIX-killed-elsewhere"
kill_run_with_hosts "$id" in_own_pid_namespace
left_some "$id"
t_killed=$SECONDS
sleep $((LEASE + 5))
set +e; ./dispatchcheck "${RUN[@]}" >"$LOGS/after-kill-elsewhere.log" 2>&1; rc=$?; set -e
check "the next run" 0 "$rc"
check "containers and networks of the killed run left, $((SECONDS - t_killed)) s after the kill" 0 "$(ours "$id")"
grep -h "is gone" "$LOGS/after-kill-elsewhere.log" >&2 || true

check "containers and networks of any run left at the end" 0 "$(ours)"
if [ "$failures" = 0 ]; then say "passed (logs: $LOGS)"; rm -rf "$LOGS"; else say "FAILED: $failures (logs: $LOGS)"; exit 1; fi
