#!/usr/bin/env bash
# Proves `dispatchcheck live` without a real farm: the guide's farm (examples/guide-farm)
# is started as stand-ins (the internal `dispatchcheck stand-in`), whose agent host's sshd
# this machine reaches on the farm's Docker network (an internal network is still routed
# from the engine's host), with a throwaway key authorized for root, for a user who may sudo
# without a password and for one who may not, and the host's key in a throwaway known_hosts. Then, against it:
#   1. `live --map` exits 0: the farm's expectations hold on the live host (its effect's
#      build through a proxy of the agent's, none left after it), the map's cells
#      answered, the reports (map.html, map.json, results.json, cucumber.xml) marked live;
#      and the scheduled recipe, ci/live-check.sh, with the key and known_hosts as a CI's
#      secrets hand them over: exit 0, summary.md, the report to upload, no key in it; its
#      twins: with a host key it was not given, exit 3 and a summary saying why (the run made
#      no report); with its report directory under a file, exit 3 and a summary naming the
#      recipe's line (a command of its own failed);
#   2. `live --compare` on the untouched host: the stand-ins' map and the live one agree, no
#      drift, exit 0;
#   3. a broken twin: the agent dropped from trusted-users on the live host by hand (sed and
#      a daemon restart, over ssh, as an operator would): exit 1, a verdict naming the cause (the effect's expectation too);
#      and --compare names the drifted file and setting and the moved cells, the effect's included (stand-in → live);
#   4. refused before the host is reached, exit 2 with the step's file and line: a farm
#      whose expectations write a file;
#   5. a login user who runs commands through sudo -n: as a root login, exit 0; the README's
#      own form, with no --identity and no --known-hosts (an ssh-agent's key, ~/.ssh/known_hosts): exit 0,
#      and exit 3 with the agent's key gone or the host's key not in ~/.ssh/known_hosts;
#      plainly exit 3: a login user without sudo, an unknown host key, a host without the
#      agent user (the agent's user removed by hand, last).
# The stand-ins go whatever happens (the trap closes their standard input, then kills).
# LIVE_FARM_KEEP=DIR keeps the logs and reports there. LIVE_FARM_PAIR=AGENT/BUILDERS picks
# the stand-ins' Nix versions (default 2.26/2.26, which .ci/run uses).
# Exits 0 only if every check held; the last line counts them.
# shellcheck disable=SC2016 # the remote commands are single-quoted for the live host's shell
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"
say() { printf '[live-farm] %s\n' "$*" >&2; }
. tests/tally.sh

# The engine, the base images and a jar as fresh as the sources: the stand-ins run from that
# jar, and the launcher's live must find it fresh, not build it under them.
./dispatchcheck provision --matrix "${LIVE_FARM_PAIR:-2.26/2.26}" >/dev/null
. tests/lib.sh   # DISPATCHCHECK_JVM_FLAGS
jar=(java "${DISPATCHCHECK_JVM_FLAGS[@]}" -jar "$root/target/dispatchcheck.jar")   # the stand-ins: an internal command, not the launcher's
# live as the README and the recipes run it: through the launcher (until this script ran it
# through the jar alone, `./dispatchcheck live` was no command of the launcher's, and no one saw).
launcher="$root/dispatchcheck"
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "${SSH_AGENT_PID:-}" ]; then kill "$SSH_AGENT_PID" 2>/dev/null || true; fi
  { exec 8>&-; } 2>/dev/null || true  # the stand-ins' standard input ends: they go (stderr kept for what follows)
  if [ -n "$pid" ]; then
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill "$pid" 2>/dev/null || true  # its shutdown hook removes the run's containers
    wait "$pid" 2>/dev/null || true
  fi
  if [ -n "${LIVE_FARM_KEEP:-}" ]; then
    mkdir -p "$LIVE_FARM_KEEP"
    cp -R "$work"/*.log "$work"/reports-* "$LIVE_FARM_KEEP"/ 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -C live-farm-throwaway -f "$work/key"
mkfifo "$work/hold"
t_up=$SECONDS
"${jar[@]}" stand-in --matrix "${LIVE_FARM_PAIR:-2.26/2.26}" --reports "$work/stand-in-reports" examples/guide-farm \
  --authorize "$work/key.pub" --ready "$work/ready" <"$work/hold" >"$work/stand-in.log" 2>&1 &
pid=$!
exec 8>"$work/hold"
for _ in $(seq 1 300); do [ -f "$work/ready" ] || ! kill -0 "$pid" 2>/dev/null && break; sleep 1; done
if [ ! -f "$work/ready" ]; then cat "$work/stand-in.log" >&2; say "the stand-in farm did not come up"; exit 3; fi
agent=$(sed -n 1p "$work/ready")
addr=${agent#ssh://root@}
sed -n 2p "$work/ready" >"$work/known_hosts"
say "stand-in agent host: $agent (up after $((SECONDS - t_up)) s)"
as_root() { ssh -F none -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$work/known_hosts" \
  -o IdentitiesOnly=yes -i "$work/key" "root@$addr" "$@"; }

live() {  # EXPECTED_EXIT NAME LIVE-ARGS…: runs live, keeps its output in $work/NAME.log; says how long it took
  local want=$1 name=$2 rc=0 t0=$SECONDS; shift 2
  "$launcher" live --reports "$work/reports-$name" "$@" >"$work/$name.log" 2>&1 || rc=$?
  if [ "$rc" = "$want" ]; then ok "$name: exit $rc ($((SECONDS - t0)) s)"; else bad "$name: exit $rc, not $want ($((SECONDS - t0)) s)"; tail -40 "$work/$name.log" >&2; fi
}
expect_line() { has_in "$1: $3" "$2" "$work/$1.log"; }   # NAME FIXED-STRING WHAT
creds=(--identity "$work/key" --known-hosts "$work/known_hosts")

# A GC root that holds anything: Nix 2.26's nix-build --no-out-link still registers an indirect root, but to a
# result link in its own temporary directory, gone when it exits (a stale root, which the GC removes): not counted.
roots() { as_root 'find /nix/var/nix/gcroots -type l | sort | while read -r l; do [ -e "$l" ] && echo "$l"; done;
  ls -A ~hercules-ci-agent ~alice; true'; }
logins() { as_root 'grep -c "Accepted publickey" /var/log/sshd.log || true'; }
# A real agent host has its work directory, where an effect's directory is made and removed.
as_root 'install -d -o hercules-ci-agent -g hercules-ci-agent /var/lib/hercules-ci-agent/work'
proxies() { as_root 'pgrep -u hercules-ci-agent -a nix-daemon; ls -A /var/lib/hercules-ci-agent/work; true'; }
roots >"$work/roots-before"

# 1. The farm's expectations hold on the live host, its effect's build through a proxy of the
# agent's; the map is drawn there, the agent's effects' cells too.
live 0 holds "$agent" examples/guide-farm "${creds[@]}" --map
expect_match() {  # NAME EXTENDED-REGEX WHAT
  if grep -qE -- "$2" "$work/$1.log"; then ok "$1: $3"; else bad "$1: $3 (no line matching '$2')"; fi
}
expect_match holds '^  hercules-ci-agent +aarch64-linux +aarch64-linux-1\.example\.com$' \
  "the map: the agent's aarch64-linux cell went to aarch64-linux-1.example.com on the live host"
expect_match holds '^  alice +aarch64-linux +aarch64-linux-0\.example\.com$' \
  "the map: the ordinary user's aarch64-linux cell went to aarch64-linux-0.example.com"
expect_match holds '^  hercules-ci-agent \(effect\) +aarch64-linux +aarch64-linux-1\.example\.com$' \
  "the map: the agent's effects' aarch64-linux cell went to aarch64-linux-1.example.com on the live host"
expect_line holds "passed the agent's effects build aarch64-linux on aarch64-linux-1.example.com too" \
  "the effect's expectation held live"
expect_match holds 'effect proxy for salt [0-9a-f]+ runs as pid [0-9]+' "the effect's build went through a proxy"
expect_line holds "4 scenarios: 4 passed" "the farm's expectations held"
if [ -z "$(proxies)" ]; then ok "holds: no proxy daemon and no effect directory left"; else bad "holds: left on the live host: $(proxies)"; fi
# None when the run ended before the host answered (then each check below is said failed).
dir=$(find "$work/reports-holds" -type d -name 'live-192*' -o -type d -name "live-$addr" | head -n 1) || dir=""
for f in map.html map.json results.json cucumber.xml; do
  if [ -f "$dir/$f" ]; then ok "holds: the report has $f"; else bad "holds: no $f in ${dir:-the report}"; fi
done
if grep -q "live: ssh://root@$addr" "$dir/map.html" 2>/dev/null; then ok "holds: map.html says live"; else bad "holds: map.html does not say live"; fi
if grep -q '"live ssh://' "$dir/results.json" 2>/dev/null; then ok "holds: results.json says live"; else bad "holds: results.json does not say live"; fi
lacks_in "holds: no private key in the reports" 'BEGIN OPENSSH PRIVATE KEY' "$work/reports-holds"
roots >"$work/roots-after"
if diff "$work/roots-before" "$work/roots-after" >&2; then ok "holds: no GC root, no result link left on the live host"; else bad "holds: the live host's GC roots or homes changed"; fi

# 1b. The scheduled recipe, as live/action.yml and the GitLab template's .dispatchcheck-live
# run it: with its default launcher, the dispatchcheck beside it, the key and known_hosts as
# a CI's secrets hand them over.
recipe() {  # EXPECTED_EXIT NAME KNOWN_HOSTS-TEXT [REPORT-DIR]: output in $work/NAME.log, report in $work/NAME unless given
  local want=$1 name=$2 known=$3 out=${4:-$work/$2} rc=0 t0=$SECONDS
  env -u DISPATCHCHECK DISPATCHCHECK_FARM=examples/guide-farm DISPATCHCHECK_AGENT="$agent" \
    DISPATCHCHECK_SSH_KEY="$(cat "$work/key")" DISPATCHCHECK_KNOWN_HOSTS="$known" \
    DISPATCHCHECK_OUT="$out" ci/live-check.sh >"$work/$name.log" 2>&1 || rc=$?
  if [ "$rc" = "$want" ]; then ok "$name: exit $rc ($((SECONDS - t0)) s)"; else bad "$name: exit $rc, not $want ($((SECONDS - t0)) s)"; tail -30 "$work/$name.log" >&2; fi
}
report_has() {  # NAME FILE...: each file in $work/NAME, the report to upload
  local name=$1 f; shift
  for f in "$@"; do
    if [ -f "$work/$name/$f" ]; then ok "$name: the report has $f"; else bad "$name: no $f in the report"; fi
  done
}
recipe 0 recipe "$(cat "$work/known_hosts")"
report_has recipe summary.md map.html cucumber.xml results.json dispatchcheck.log
expect_line recipe "**Exit 0**: the farm's expectations hold on the live host." "the summary says exit 0"
lacks_in "recipe: no key in the report" 'OPENSSH PRIVATE KEY' "$work/recipe"

# Its twin: a host key the recipe was not given. The run ends before the host answers, with no
# report of its own; the recipe still says the exit, its meaning and the cause, and keeps the log.
ssh-keygen -q -t ed25519 -N '' -f "$work/recipe-other-host-key"
recipe 3 recipe-unknown-host "$addr $(cut -d' ' -f1,2 "$work/recipe-other-host-key.pub")"
expect_line recipe-unknown-host "**Exit 3**: the live host or the environment failed" "the summary says exit 3 and what it means"
expect_line recipe-unknown-host "cannot reach ssh://root@$addr over SSH" "the summary quotes the cause"
report_has recipe-unknown-host summary.md dispatchcheck.log
# And a command of the recipe's own that fails (its report directory cannot be made, under a file):
# exit 3, a summary naming the line, never set -e's bare exit 1, which reads as a failed expectation.
touch "$work/a-file"
recipe 3 recipe-stopped "$(cat "$work/known_hosts")" "$work/a-file/report"
expect_line recipe-stopped 'The recipe itself stopped: a command at `ci/live-check.sh` line' "the summary names the recipe's line"

# 2. The stand-ins and the live host agree.
live 0 compare-clean "$agent" examples/guide-farm "${creds[@]}" --compare
expect_line compare-clean "0 of 12 cells differ between the stand-ins of examples/guide-farm and the live host" "no cell differs"
expect_line compare-clean "no drift: the live host's nix.conf, machines file and the agent's dotfiles say what the farm's do" \
  "no drift"

# 4. Refused before the host is reached (the host's sshd log shows no new login).
mkdir -p "$work/writes"
cp -R examples/guide-farm/. "$work/writes/"
cat >"$work/writes/expectations.feature" <<'FEATURE'
Feature: a write step
  Scenario: the agent's dotfile rewritten, then a build
    Given the farm under check
    And the agent's own nix.conf says:
      """
      builders =
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1.example.com
FEATURE
before=$(logins)
live 2 write-step "$agent" "$work/writes" "${creds[@]}"
expect_line write-step "expectations.feature:4: step 'And the agent's own nix.conf says:' is refused under live" \
  "the write step is named with its file and line"
after=$(logins)
if [ "$before" = "$((after - 1))" ]; then ok "refused: the live host was not reached (only this check's own login)"; else bad "refused: logins went from $before to $after"; fi

# 5a. A login through sudo -n does what a root login does. The builders' stores are asked with
# root's own key file, which the login user cannot read: a verdict is reached only as root.
live 0 sudo-login "ssh://ops@$addr" examples/guide-farm "${creds[@]}" --tags 'not @effect' --map
expect_line sudo-login "passed other users keep the system's builders" "a login through sudo -n reaches the verdicts"
expect_line sudo-login "-> dispatched to aarch64-linux-1.example.com, succeeded" "a login through sudo -n maps the agent's cells"

# Exit 3, said plainly.
live 3 no-sudo "ssh://nosudo@$addr" examples/guide-farm "${creds[@]}" --tags 'not @effect'
expect_line no-sudo "the login user cannot run commands as root" "a login user without sudo is said plainly"

# 5b. The README's own form, with neither --identity nor --known-hosts: the key an ssh-agent
# holds, the host's key in ~/.ssh/known_hosts (a home of this proof's, as the JVM's user.home).
mkdir -p "$work/home/.ssh" && cp "$work/known_hosts" "$work/home/.ssh/known_hosts"
eval "$(ssh-agent -s)" >/dev/null && ssh-add -q "$work/key"
JAVA_TOOL_OPTIONS="-Duser.home=$work/home" live 0 agent-login "$agent" examples/guide-farm --tags 'not @effect'
expect_line agent-login "passed other users keep the system's builders" "the README's form (an ssh-agent's key, ~/.ssh/known_hosts) reaches the verdicts"
# Its twins: the same form with the agent's key gone, then with the host's key not in ~/.ssh/known_hosts.
# Each is refused (exit 3): the login above used exactly those two, nothing else of this machine's.
ssh-add -q -D
JAVA_TOOL_OPTIONS="-Duser.home=$work/home" live 3 agent-login-no-key "$agent" examples/guide-farm --tags 'not @effect'
expect_line agent-login-no-key "cannot reach ssh://root@$addr over SSH" "the README's form without the agent's key is refused"
ssh-add -q "$work/key" && : >"$work/home/.ssh/known_hosts"
JAVA_TOOL_OPTIONS="-Duser.home=$work/home" live 3 agent-login-unknown-host "$agent" examples/guide-farm --tags 'not @effect'
expect_line agent-login-unknown-host "cannot reach ssh://root@$addr over SSH" "the README's form with an empty ~/.ssh/known_hosts is refused"
kill "$SSH_AGENT_PID" 2>/dev/null || true; unset SSH_AGENT_PID SSH_AUTH_SOCK
ssh-keygen -q -t ed25519 -N '' -f "$work/other-host-key"
printf '%s %s\n' "$addr" "$(cut -d' ' -f1,2 "$work/other-host-key.pub")" >"$work/wrong_known_hosts"
live 3 wrong-host-key "$agent" examples/guide-farm --identity "$work/key" --known-hosts "$work/wrong_known_hosts" --tags 'not @effect'
expect_line wrong-host-key "cannot reach ssh://root@$addr over SSH" "a host key not in known_hosts is refused"

# 3. The broken twin: the agent dropped from trusted-users by hand.
as_root 'sed -i "/^trusted-users/s/ hercules-ci-agent//" /etc/nix/nix.conf && grep ^trusted-users /etc/nix/nix.conf && nix-daemon-restart' >&2
live 1 untrusted "$agent" examples/guide-farm "${creds[@]}" --map --tags 'not @effect'
expect_line untrusted "FAILED" "the agent's expectation fails as a verdict"
expect_line untrusted "Likely cause: hercules-ci-agent is not in trusted-users (root)" "the verdict names the cause: the agent is not trusted"
# The effect's twin: the same expectation as in 1, on the broken host, fails as a verdict.
live 1 untrusted-effect "$agent" examples/guide-farm "${creds[@]}" --tags '@effect'
expect_line untrusted-effect "FAILED the agent's effects build aarch64-linux on aarch64-linux-1.example.com too" \
  "the effect's expectation fails as a verdict on the broken host"
if grep -q "HARNESS ERROR" "$work/untrusted-effect.log"; then bad "untrusted-effect: a harness error, not a verdict"; else ok "untrusted-effect: no harness error"; fi

live 1 compare-drift "$agent" examples/guide-farm "${creds[@]}" --compare --tags 'not @effect'
expect_line compare-drift "hercules-ci-agent aarch64-linux: aarch64-linux-1.example.com → aarch64-linux-0.example.com" \
  "--compare names the moved cell"
expect_line compare-drift "hercules-ci-agent (effect) aarch64-linux: aarch64-linux-1.example.com → aarch64-linux-0.example.com" \
  "--compare names the moved effect cell"
expect_line compare-drift "/etc/nix/nix.conf: trusted-users is 'root' on the live host, 'root hercules-ci-agent' in agent/etc/nix/nix.conf" \
  "--compare names the drifted file and setting"
expect_line compare-drift "the cells that differ follow from the drift above" "--compare says the cells moved by drift"

# 5b. No agent user (last: the host is no agent host any more).
as_root 'userdel hercules-ci-agent' >&2
live 3 no-agent "$agent" examples/guide-farm "${creds[@]}" --tags 'not @effect'
expect_line no-agent "it has no user hercules-ci-agent" "a host without the agent user is said plainly"

tally
