#!/usr/bin/env bash
# Proves that nothing in the launcher or in Java assumes the local Docker socket: starts a
# second Docker engine that listens only on loopback TCP, with its own data root and
# address pool, copies the images into it (there is no registry), and runs against it
# with DOCKER_HOST=tcp://...:
#   - conformance: the guide's single-builder example, over ssh and ssh-ng (must exit 0);
#   - check examples/guide-farm (must exit 0) and its broken twin, guide-farm-as-printed
#     (must exit 1: a verdict, not a harness error);
#   - a frozen engine: the engine is stopped with SIGSTOP while a run's hosts are up; the run
#     must end with exit 3 within FROZEN_LIMIT seconds, and once the engine answers again
#     (SIGCONT) the next run must pass and leave nothing of either run.
# Then it counts what either engine has left, stops the second engine and exits 0 only
# if every expectation held and nothing was left.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib.sh
say() { printf '[remote-engine] %s\n' "$*" >&2; }

PORT="${REMOTE_ENGINE_PORT:-23750}"
REMOTE="tcp://127.0.0.1:$PORT"
DIR="$(mktemp -d /tmp/dispatchcheck-remote-engine.XXXXXX)"
SUITE=trixie   # Nix 2.26, the pair this test runs
failures=0

./dispatchcheck provision --matrix 2.26/2.26   # the local engine, Maven, the images to copy
had_docker0=no; ip link show docker0 >/dev/null 2>&1 && had_docker0=yes

ENGINE_PID="" made_bridge=no
stop_engine() {
  if [ -n "$ENGINE_PID" ]; then
    kill "$ENGINE_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$ENGINE_PID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$ENGINE_PID" 2>/dev/null; then kill -9 "$ENGINE_PID" 2>/dev/null || true; sleep 1; fi
    kill -0 "$ENGINE_PID" 2>/dev/null && say "the second engine (pid $ENGINE_PID) is still running; $DIR is kept"
  fi
  # No engine of ours (none started yet, or it is gone): its directories and bridge go. (kill -0 0 would
  # signal this process group and succeed, so an empty pid is tested apart.)
  if [ -z "$ENGINE_PID" ] || ! kill -0 "$ENGINE_PID" 2>/dev/null; then
    # Whatever the engine left mounted under its directories, deepest first.
    awk -v d="$DIR" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do umount -l "$m" || true; done
    rm -rf "$DIR"
    if [ "$made_bridge" = yes ]; then ip link delete dc-remote0 2>/dev/null || true; fi   # another's is not ours
  fi
}
trap stop_engine EXIT

say "starting a second engine on $REMOTE (log: $DIR/dockerd.log)"
# Its own (empty) configuration file, so nothing of the local engine's applies, and its own
# default bridge: with none, dockerd deletes docker0, the local engine's. Its iptables
# rules stay on: Docker's embedded DNS, which resolves the hosts' names, needs them. Note
# that starting it rewrites the host's DOCKER chains, so run this after other runs on the
# local engine, as .ci/run does.
command -v ip >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q iproute2 >/dev/null
BRIDGE=dc-remote0
if ip link show "$BRIDGE" >/dev/null 2>&1; then
  say "a bridge $BRIDGE is already there: another remote-engine proof runs, or one was killed (then: ip link delete $BRIDGE)"
  exit 3
fi
ip link add name "$BRIDGE" type bridge
made_bridge=yes
ip addr add 10.124.0.1/24 dev "$BRIDGE"
ip link set "$BRIDGE" up
echo '{}' > "$DIR/daemon.json"
start_dockerd "$DIR/dockerd.log" --config-file "$DIR/daemon.json" --host "$REMOTE" --data-root "$DIR/data" \
  --exec-root "$DIR/exec" --pidfile "$DIR/dockerd.pid" --bridge "$BRIDGE" --default-address-pool base=10.123.0.0/16,size=24
ENGINE_PID=$DOCKERD_PID
DOCKER_HOST="$REMOTE" await_engine 60 || { tail -n 30 "$DIR/dockerd.log" >&2; say "the second engine did not start"; exit 3; }

# The base image and the host images built on it (their tags name the base image's id,
# which a save and load keeps), so that the second engine builds nothing.
BASE="${DISPATCHCHECK_BASE_IMAGE_PREFIX:-dispatchcheck/debian}:$SUITE"
images=$(docker images --format '{{.Repository}}:{{.Tag}}' | awk -v b="$BASE" -v h="dispatchcheck/nix-host:$SUITE-" '$0 == b || index($0, h) == 1')
say "copying $(echo "$images" | wc -l) images into the second engine"
# shellcheck disable=SC2086
docker save $images | DOCKER_HOST="$REMOTE" docker load -q >/dev/null

expect() {
  local want="$1"; shift
  say "DOCKER_HOST=$REMOTE ./dispatchcheck $* (must exit $want)"
  set +e; DOCKER_HOST="$REMOTE" ./dispatchcheck "$@"; local rc=$?; set -e
  if [ "$rc" = "$want" ]; then say "exit $rc, as it must"; else say "FAILED: exit $rc, not $want"; failures=$((failures + 1)); fi
}
local_before=$(ours)   # the local engine's containers and networks of any dispatchcheck run
expect 0 conformance --matrix 2.26/2.26 --name "agent uses only aarch64-linux-1"
expect 0 check --matrix 2.26/2.26 examples/guide-farm
expect 1 check --matrix 2.26/2.26 examples/guide-farm-as-printed

FROZEN_LIMIT="${FROZEN_LIMIT:-240}"
say "a frozen engine: SIGSTOP to the second engine once a run's hosts are up (the run must end with exit 3 within $FROZEN_LIMIT s)"
DOCKER_HOST="$REMOTE" DISPATCHCHECK_SKIP_BUILD=1 ./dispatchcheck conformance --matrix 2.26/2.26 --name "agent uses only aarch64-linux-1" \
  >"$DIR/frozen.log" 2>&1 & run=$!
for _ in $(seq 1 240); do
  [ "$(DOCKER_HOST="$REMOTE" docker ps -q --filter label=dispatchcheck.run | wc -l)" -ge 3 ] && break; sleep 0.5
done
sleep 2
kill -STOP "$ENGINE_PID"; frozen_at=$SECONDS
( sleep "$FROZEN_LIMIT"; kill -9 "$run" 2>/dev/null ) & watchdog=$!
set +e; wait "$run"; rc=$?; set -e
took=$((SECONDS - frozen_at))
kill "$watchdog" 2>/dev/null || true
grep -E "stopped answering|did not answer|gave up|could not remove" "$DIR/frozen.log" | sed 's/^/  /' >&2 || true
if [ "$rc" = 3 ]; then say "the run on the frozen engine ended with exit 3, $took s after the engine froze, as it must"
else say "FAILED: the run on the frozen engine ended with exit $rc after $took s, not 3 within $FROZEN_LIMIT s"; failures=$((failures + 1)); fi
kill -CONT "$ENGINE_PID"
DOCKER_HOST="$REMOTE" await_engine 30 || true
expect 0 conformance --matrix 2.26/2.26 --name "agent uses only aarch64-linux-1 \(ssh\)"

left_remote=$(DOCKER_HOST="$REMOTE" ours)
now_local=$(ours)
if [[ $now_local =~ ^[0-9]+$ && $local_before =~ ^[0-9]+$ ]]; then used_local=$((now_local - local_before)); else used_local="unknown ($local_before, then $now_local)"; fi
say "left on the second engine: $left_remote containers and networks; new on the local engine: $used_local"
[ "$left_remote" = 0 ] && [ "$used_local" = 0 ] || failures=$((failures + 1))
stop_engine; trap - EXIT   # done: the trap would only do it again
if [ "$had_docker0" = yes ] && ! ip link show docker0 >/dev/null 2>&1; then
  say "FAILED: the local engine's default bridge docker0 is gone"; failures=$((failures + 1))
fi
if [ "$failures" = 0 ]; then say "passed"; else say "FAILED: $failures"; exit 1; fi
