#!/usr/bin/env bash
# The floor the harness is measured against: the reference scenario, "agent uses only
# aarch64-linux-1 (ssh)", scripted by hand with docker and fresh containers, doing what
# the harness does (three hosts on their own network, root's SSH keys wired, the guide's
# configuration, three builds as the agent and one as the ordinary user, each output
# looked up in the builders' stores, teardown). Prints, for each of its parts, a line
# "mark PART EPOCH" as the part ends (bash 5's $EPOCHREALTIME: no process started for it;
# an older bash prints no time, and bench then says the floor printed no marks),
# then the wall time in seconds on the last line.
# Usage: bench/floor.sh HOST_IMAGE
set -euo pipefail
image="${1:?usage: bench/floor.sh HOST_IMAGE}"
run="bench-floor-$$"
labels=(--label "dispatchcheck.run=$run" --label "dispatchcheck.pid=$$")
net="$run"
hosts=(agent aarch64-linux-0 aarch64-linux-1)
t0=$(date +%s.%N)
echo "mark start ${EPOCHREALTIME:-}"
build_log=$(mktemp /tmp/bench-floor-build.XXXXXX)
cleanup() { rm -f "$build_log"; docker rm -f "${hosts[@]/#/$run-}" >/dev/null 2>&1 || true; docker network rm "$net" >/dev/null 2>&1 || true; }
trap cleanup EXIT

docker network create "${labels[@]}" "$net" >/dev/null
for h in "${hosts[@]}"; do
  docker run -d "${labels[@]}" --name "$run-$h" --hostname "$h" --network "$net" --network-alias "$h" "$image" >/dev/null
done
ready_by=$((SECONDS + 60))
for h in "${hosts[@]}"; do
  # grep reads it all (no -q): docker logs cut short by SIGPIPE would fail the test under pipefail.
  until docker logs "$run-$h" 2>&1 | grep 'nix-host ready' >/dev/null; do
    if [ "$SECONDS" -ge "$ready_by" ]; then echo "floor: host $h not ready within 60 s" >&2; exit 3; fi
    sleep 0.1
  done
done
echo "mark hosts ${EPOCHREALTIME:-}"

# Root's SSH: a fresh key on every host, authorized everywhere; every host key known everywhere.
auth=""; known=""
for h in "${hosts[@]}"; do
  out=$(docker exec "$run-$h" sh -c "mkdir -p -m 700 /root/.ssh && ssh-keygen -q -t ed25519 -N '' -f /root/.ssh/id_ed25519 && cat /root/.ssh/id_ed25519.pub /etc/ssh/ssh_host_ed25519_key.pub")
  auth="$auth$(echo "$out" | sed -n 1p)"$'\n'
  known="$known$h $(echo "$out" | sed -n 2p | awk '{print $1, $2}')"$'\n'
done
basics=$'build-users-group = nixbld\nsandbox = false\nsubstituters =\n'
for h in "${hosts[@]}"; do
  conf="$basics"
  [ "$h" = agent ] && conf="$conf"$'builders = @/etc/nix/machines\ntrusted-users = root hercules-ci-agent\n' \
                   || conf="$conf"$'max-jobs = 1\nextra-platforms = aarch64-linux\n'
  docker exec -i "$run-$h" sh -c "cat > /root/.ssh/authorized_keys; printf '%s' '$known' > /root/.ssh/known_hosts; printf '%s' '$conf' > /etc/nix/nix.conf; nix-daemon-restart" <<<"$auth"
done
echo "mark wiring ${EPOCHREALTIME:-}"

# The guide's example, as the scenario runs it.
docker exec "$run-agent" sh -c "printf 'ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -\nssh://aarch64-linux-1 aarch64-linux - 1 1 - - -\n' > /etc/nix/machines
  grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
  echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
  chown hercules-ci-agent: /var/lib/hercules-ci-agent/.config/nix/*"

echo "mark example ${EPOCHREALTIME:-}"
probe() { # USER SALT: the probe derivation, salted, built as USER; prints its output path
  docker exec "$run-agent" sudo -u "$1" nix-build --no-out-link --expr "derivation {
    name = \"floor-probe-$2\"; system = \"aarch64-linux\";
    builder = \"\${/opt/dispatchcheck/probe}/busybox\"; n = \"$2\";
    args = [ \"sh\" \"-c\" \"echo checking; echo \$n > \$out\" ]; }" 2>"$build_log" \
    || { echo "floor: the probe build as $1 failed; its log ends:" >&2; tail -n 20 "$build_log" >&2; return 1; }
}
for i in 1 2 3; do
  out=$(probe hercules-ci-agent "$run-$i")
  docker exec "$run-aarch64-linux-1" nix-store --check-validity "$out"
  # An if, never a bare !: set -e ignores a command negated with !, so that check could not fail.
  if docker exec "$run-aarch64-linux-0" nix-store --check-validity "$out" 2>/dev/null; then
    echo "floor: the agent's probe $i went to aarch64-linux-0 too" >&2; exit 1
  fi
done
out=$(probe alice "$run-alice")
docker exec "$run-aarch64-linux-0" nix-store --check-validity "$out" || docker exec "$run-aarch64-linux-1" nix-store --check-validity "$out"
echo "mark builds ${EPOCHREALTIME:-}"
cleanup; trap - EXIT
echo "mark teardown ${EPOCHREALTIME:-}"
awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.2f\n", a - b }'
