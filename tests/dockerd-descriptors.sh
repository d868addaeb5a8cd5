#!/usr/bin/env bash
# Proves that the dockerd the launcher starts (start_dockerd, tests/lib.sh) keeps no
# descriptor of its caller's but its log: a script holding a lock with flock on fd 9 starts
# it and ends, and the lock must then be free while the engine still runs, whose only
# descriptors are stdin (/dev/null) and stdout and stderr (the log). A fake dockerd on PATH
# stands in for the engine (it sleeps): no engine is started, Docker is not needed.
# The negative twin starts the fake as the launcher used to (setsid dockerd ... &) and must
# find the lock still held: the check can fail. Exits 0 only if both came out as they must.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[dockerd-descriptors] %s\n' "$*" >&2; }

WORK="$(mktemp -d /tmp/dispatchcheck-dockerd-descriptors.XXXXXX)"
fakes=()
cleanup() {
  local p
  for p in "${fakes[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir "$WORK/bin"
cat >"$WORK/bin/dockerd" <<'FAKE'
#!/bin/sh
# A stand-in engine: it says its pid, then lives on as sleep (the same process).
echo $$ >"$FAKE_PIDFILE"
exec sleep 600
FAKE
chmod +x "$WORK/bin/dockerd"
export PATH="$WORK/bin:$PATH"
failures=0

# Runs a script that holds the lock on fd 9 and starts the fake dockerd HOW (start_dockerd,
# or inherited: the old way), then ends; prints the fake's pid once it is sleeping.
start_from_locked_script() {  # HOW
  rm -f "$WORK/pid"
  FAKE_PIDFILE="$WORK/pid" bash -c '
    set -euo pipefail
    . tests/lib.sh
    exec 9>"$1"
    flock -n 9 || { echo "the lock was held before the script took it" >&2; exit 3; }
    case $2 in
      start_dockerd) start_dockerd "$3" ;;
      inherited) setsid dockerd >"$3" 2>&1 </dev/null & ;;
    esac
  ' locked-script "$WORK/lock" "$1" "$WORK/dockerd-$1.log"
  local pid=""
  for _ in $(seq 1 100); do
    [ -s "$WORK/pid" ] && pid=$(cat "$WORK/pid") && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ] && break
    sleep 0.1
  done
  [ -n "$pid" ] || { say "the fake dockerd did not start"; exit 3; }
  printf '%s\n' "$pid"
}
check() {  # WHAT EXPECTED GOT
  if [ "$2" = "$3" ]; then say "$1: $3, as it must"; else say "FAILED: $1: $3, not $2"; failures=$((failures + 1)); fi
}
lock_state() { if flock -n "$WORK/lock" true; then echo free; else echo held; fi; }
descriptors() {  # PID: each open descriptor and what it is
  local fd
  for fd in /proc/"$1"/fd/*; do printf '%s=%s ' "${fd##*/}" "$(readlink "$fd")"; done
}

pid=$(start_from_locked_script start_dockerd); fakes+=("$pid")
check "start_dockerd: the engine runs after the script ended" yes "$(kill -0 "$pid" 2>/dev/null && echo yes || echo no)"
check "start_dockerd: the script's lock" free "$(lock_state)"
check "start_dockerd: the engine's descriptors" \
  "0=/dev/null 1=$WORK/dockerd-start_dockerd.log 2=$WORK/dockerd-start_dockerd.log " "$(descriptors "$pid")"
kill "$pid"

pid=$(start_from_locked_script inherited); fakes+=("$pid")
check "the negative twin (descriptors inherited): the script's lock" held "$(lock_state)"
kill "$pid"

if [ "$failures" = 0 ]; then say "passed"; else say "FAILED: $failures"; exit 1; fi
