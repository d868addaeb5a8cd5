# shellcheck shell=bash
# What the test scripts share, and the launcher too (it starts dockerd the same way):
# source it, from the project's top directory, as `. tests/lib.sh`. Functions and one array
# of JVM flags: sourcing it sets no option and changes no directory.

# The flags every JVM of dispatchcheck's runs with, the launcher's and the test scripts'.
# The JVM waits on hosts most of the time; on two cores its optimising compiler and G1's
# threads were CPU the hosts needed. With the first JIT tier and the serial collector, a
# run of 31 scenarios took 10.3 s of the JVM's CPU against 20.7 s, and a check refused at
# lint 0.65 CPU-s against 0.95 (docs/measurements.md).
# shellcheck disable=SC2034 # used by those who source this file
DISPATCHCHECK_JVM_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# How many containers and networks of dispatchcheck runs the engine (DOCKER_HOST's, or the
# local one) holds; of run RUN_ID alone when it is given.
# shellcheck disable=SC2120 # RUN_ID is optional
# An engine that does not answer gives a word, never a count: "0 left" must mean it was asked.
ours() {  # [RUN_ID]
  local label="label=dispatchcheck.run${1:+=$1}" c n
  if ! c=$(docker ps -aq --filter "$label") || ! n=$(docker network ls -q --filter "$label"); then
    echo "unknown (the engine did not answer)"; return 0
  fi
  echo $(( $(grep -c . <<<"$c" || true) + $(grep -c . <<<"$n" || true) ))
}

# Starts `dockerd ARGS...` in a session of its own, stdin from /dev/null, stdout and stderr to
# LOG, holding no other descriptor of its caller's: an engine lives long, and a descriptor it
# inherited (a lock its caller held with flock, a pipe a CI step waits on to close) would be
# held for as long. Sets DOCKERD_PID.
start_dockerd() {  # LOG ARGS...
  local log=$1
  shift
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      # 0, 1 and 2 are /dev/null and the log; closing one that is not open (the listing's own) is no error.
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    exec setsid dockerd "$@"
  ) </dev/null >"$log" 2>&1 &
  DOCKERD_PID=$!
}

# Waits up to SECONDS for the engine (DOCKER_HOST's, or the local one) to answer; false if it
# did not, or if the dockerd started by start_dockerd ended first.
await_engine() {  # SECONDS
  local tries=$(( $1 * 2 ))
  while [ "$tries" -gt 0 ]; do
    docker info >/dev/null 2>&1 && return 0
    if [ -n "${DOCKERD_PID:-}" ] && ! kill -0 "$DOCKERD_PID" 2>/dev/null; then return 1; fi
    sleep 0.5
    tries=$((tries - 1))
  done
  return 1
}

# Debian as root: where apt_install can install what is missing.
is_debian_root() { [ -r /etc/debian_version ] && [ "$(id -u)" = 0 ]; }

# Installs Debian packages (apt-get update once a process before the first), their output to
# /var/log/dispatchcheck-apt.log; if either fails, the log's tail and exit 3. The caller's
# say says what it does.
apt_install() {  # PACKAGE...
  if [ -z "${APT_UPDATED:-}" ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >>/var/log/dispatchcheck-apt.log 2>&1 \
      || { tail -n 30 /var/log/dispatchcheck-apt.log >&2; say "error: apt-get update failed"; exit 3; }
    APT_UPDATED=1
  fi
  say "installing from Debian's packages: $* (log: /var/log/dispatchcheck-apt.log)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
    >>/var/log/dispatchcheck-apt.log 2>&1 || { tail -n 30 /var/log/dispatchcheck-apt.log >&2; say "error: apt-get install $* failed"; exit 3; }
}
