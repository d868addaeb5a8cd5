#!/usr/bin/env bash
# Runs 'check' (or 'lint') on farm directories an outsider could send in a pull request, and
# requires each to end as the README and docs/untrusted-input.md state, before anything
# starts: invalid input is exit 2 naming the file (and line) at fault; a farm whose commands
# lint only names (hooks, ssh commands) and a long but valid value are exit 0. The classes:
#   - a file that is a symbolic link to a secret outside the farm, and an include that
#     climbs out of it: the secret's random token must appear in no output and in no file
#     under reports/ or this run's outputs;
#   - shell metacharacters in a host name, a bad SSH user, a bad system string, a binary file,
#     a fifo, a file too large, a program put on the agent host, a nixSettings option name;
#   - input as deep or as long as it likes (include and @file chains 3,000 deep, JSON nested
#     5,000 deep, a 2,000-character TOML string, a 20,000-character line);
#   - a farm past each stated limit (builders, cells, scenarios, builds per step, at once);
#   - key files where a farm may not put them, secrets (secret-key-files, an include of one,
#     an IdentityFile) whose throwaway would be made where it may not, builder names the
#     harness holds or that differ in case only, a bare machines entry; an IPv6 builder,
#     ssh:HOST and a Lix TOML machines file (warnings, exit 0);
#   - every hook and command-running ssh option (lint names each at its file:line);
#   - each way an expectation could get past the file rules (a machines line, a nix.conf, a
#     nixSettings doc string, an effect's own builders, a table cell, an extra- hook), and
#     invalid expectations (not Gherkin, undefined, a step that runs commands, no Then);
#   - file names with ':', '#', '%', a space, a newline and non-ASCII; GitHub workflow
#     commands and GitLab section markers in values and in file names.
# No output may hold a raw control byte, bytes that are not UTF-8, the secret's token or
# what a CI runner acts on. Java is called directly, from the classes (one JVM a case, no
# launcher's checks between); one last case runs './dispatchcheck check', whose plan lints
# the farm before it provisions an engine. DOCKER_HOST points nowhere for them, so
# that a farm that got past lint could not start a container on the machine's engine (it
# would exit 3 and fail here); if an engine answers, its events are read as well, for any
# container these JVMs created. Prints one line per case and exits 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib.sh

say() { printf '[hostile-farms] %s\n' "$*" >&2; }

# The classes and their classpath, as the launcher builds them (offline when it can be).
build=(test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test)
mkdir -p target
mvn -B -ntp -q -o "${build[@]}" >target/hostile-farms-maven.log 2>&1 \
  || mvn -B -ntp -q "${build[@]}" >target/hostile-farms-maven.log 2>&1 \
  || { tail -n 40 target/hostile-farms-maven.log >&2; say "Maven failed"; exit 1; }
CP="target/classes:target/test-classes:$(cat target/classpath.txt)"

WORK="$(mktemp -d /tmp/dispatchcheck-hostile-farms.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/outputs"
mkdir -p "$OUT"
TOKEN="dispatchcheck-secret-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$TOKEN" >"$WORK/secret"
printf 'builders = ssh://%s x86_64-linux\n' "$TOKEN" >"$WORK/secret.conf"

engine=no
if command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; then engine=yes; fi
[ "$engine" = yes ] && before=$(ours)
started=$(date +%s)

failures=0
# Every JVM here runs as one run of its own id: a container or network that any of them made
# on the machine's engine (one that ignored DOCKER_HOST) carries it as its label.
RUN_ID="hostile-farms-$$-$started"

# A farm whose agent host has this nix.conf; the case adds the rest.
farm() {
  local dir="$WORK/farms/$1"
  mkdir -p "$dir/agent/etc/nix"
  printf '%s\n' "$2" >"$dir/agent/etc/nix/nix.conf"
  printf '%s' "$dir"
}

# run NAME FARM EXPECTED: 'check FARM' must exit 2, its stderr must hold EXPECTED, and no
# output may hold the token, a raw control byte, bytes that are not UTF-8, or what a CI
# runner acts on (GitHub's '::command::' and '##[command]', GitLab's section markers).
# WANT=N expects exit N instead, CMD=lint runs 'lint' instead of 'check'; VIA_LAUNCHER=1 runs
# it through ./dispatchcheck, as a CI job does (its plan lints before it provisions an engine).
run() {
  local name="$1" dir="$2" expected="$3" rc=0 why="" want="${WANT:-2}" cmd="${CMD:-check}"
  shift 3
  local stdout="$OUT/$name.stdout" stderr="$OUT/$name.stderr" command
  local reports; reports=$(ls -d reports/runs/*/"check-$(basename "$dir")" 2>/dev/null | head -n 1 || true)
  if [ -n "${VIA_LAUNCHER:-}" ]; then command=(./dispatchcheck "$cmd")
  else command=(java "${DISPATCHCHECK_JVM_FLAGS[@]}" -cp "$CP" dev.dispatchcheck.cli.Main "$cmd"); fi
  DOCKER_HOST=unix:///nonexistent/dispatchcheck-hostile-farms.sock DISPATCHCHECK_RUN_ID="$RUN_ID" \
    timeout 60 "${command[@]}" "$@" "$dir" >"$stdout" 2>"$stderr" || rc=$?
  [ "$rc" = "$want" ] || why+=" exit $rc, not $want;"
  if grep -qE '::|##\[|section_(start|end):' "$stdout" "$stderr"; then why+=" a CI workflow command or section marker in the output;"; fi
  grep -qF -- "$expected" "$stderr" || why+=" stderr lacks '$expected';"
  if grep -rqF -- "$TOKEN" "$OUT" || { [ -d reports ] && grep -rqF -- "$TOKEN" reports; }; then
    why+=" the secret's token was shown;"
  fi
  if LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]' "$stdout" "$stderr"; then why+=" raw control bytes in the output;"; fi
  if ! iconv -f UTF-8 -t UTF-8 "$stdout" "$stderr" >/dev/null 2>&1; then why+=" output that is not UTF-8;"; fi
  reports=$(ls -d reports/runs/*/"check-$(basename "$dir")" 2>/dev/null | head -n 1 || true)
  [ -n "$reports" ] && why+=" $reports was written;"
  local line
  line=$(grep -F -- "$expected" "$stderr" | head -n 1 | sed 's/^ *//' || true)
  if [ -z "$why" ]; then
    printf 'PASS %-16s exit %s  %s\n' "$name" "$rc" "$line"
  else
    printf 'FAIL %-16s%s\n' "$name" "$why"
    head -n 20 "$stderr" | sed 's/^/     | /'   # head first: sed cut short by head would end the proof (SIGPIPE)
    failures=$((failures + 1))
  fi
}

f=$(farm symlink-out 'builders = @/etc/nix/machines')
ln -s "$WORK/secret" "$f/agent/etc/nix/machines"
run symlink-out "$f" "agent/etc/nix/machines: is a symbolic link (it points outside the farm)"

f=$(farm include-out "include ../../../../../../../../../..$WORK/secret.conf")
run include-out "$f" "agent/etc/nix/nix.conf:1: error: included file '$WORK/secret.conf' is not in the farm"

f=$(farm metachar-host 'builders = @/etc/nix/machines')
printf '%s\n' 'ssh-ng://nixbuilder@a$(touch${IFS}x).example.com aarch64-linux /etc/nix/id_builder' >"$f/agent/etc/nix/machines"
run metachar-host "$f" "agent/etc/nix/machines:1: error: builder host name 'a\$(touch\${IFS}x).example.com' is not an RFC 1123 host name"

f=$(farm binary-machines 'builders = @/etc/nix/machines')
{ printf 'ssh://b\033]0;owned\007\033[2J\377\376 x86_64-linux\n'; head -c 4096 /dev/urandom; } >"$f/agent/etc/nix/machines"
run binary-machines "$f" "agent/etc/nix/machines:1: error: not text"

f=$(farm bad-ssh-user 'builders = @/etc/nix/machines')
printf '%s\n' 'ssh-ng://-oProxyCommand=sh@b.example.com aarch64-linux' >"$f/agent/etc/nix/machines"
run bad-ssh-user "$f" "agent/etc/nix/machines:1: error: SSH user '-oProxyCommand=sh' of ssh-ng://-oProxyCommand=sh@b.example.com is not a login name"

f=$(farm bad-system "$(printf '%s\n' 'trusted-users = root hercules-ci-agent' 'builders = ssh://b.example.com aarch64-linux,x86_64-linux"${builtins.abort"x"}"')")
run bad-system "$f" "agent/etc/nix/nix.conf:2: error: system 'x86_64-linux\"\${builtins.abort\"x\"}\"' is not an arch-os system name"

f=$(farm program-replaced 'builders = @/etc/nix/machines')
mkdir -p "$f/agent/usr/local/bin"; printf '#!/bin/sh\necho "building on aarch64-linux-1"\n' >"$f/agent/usr/local/bin/nix-build"
run program-replaced "$f" "agent/usr/local/bin/nix-build: error: a farm may put files on the agent host only under"

f=$(farm fifo 'builders = @/etc/nix/machines')
mkfifo "$f/agent/etc/nix/machines"
run fifo "$f" "agent/etc/nix/machines: is not a regular file (a fifo, socket or device); it was not opened"

f=$(farm huge-file 'builders = @/etc/nix/machines')
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' '#' >"$f/agent/etc/nix/machines"
run huge-file "$f" "agent/etc/nix/machines: 2097152 bytes; a farm file may be at most 1048576"

f=$(farm agent-config-option 'builders = @/etc/nix/machines')
printf '%s\n' '{"nixSettings": {' '"builders": "ssh://b\u001b]0;owned\u0007 x86_64-linux",' '"--store": "/tmp/x"}}' >"$f/hercules-ci-agent.json"
run agent-config-option "$f" "hercules-ci-agent.json:3: error: nixSettings name '--store' is not a setting's name"

# A farm that lints clean (the guide's), with expectations an outsider wrote.
expectations() {
  local dir="$WORK/farms/$1"
  mkdir -p "$dir"; cp -R examples/guide-farm/. "$dir/"; rm -f "$dir"/*.feature
  printf '%s\n' "Feature: $1" '' '  Background:' '    Given the farm under check' '' "$2" >"$dir/expectations.feature"
  printf '%s' "$dir"
}
f=$(expectations not-gherkin '  Scenario: a typo
    When the agent builds a probe for aarch64-linux
    Thne every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
run not-gherkin "$f" "expectations.feature:8: 'Thne every build of the agent for aarch64-linux went to aarch64-linux-1.example.com' is not Gherkin here"
f=$(expectations no-expectation '  Scenario: a misspelt first step, which Gherkin reads as a description
    Wehn the agent builds a probe for aarch64-linux')
run no-expectation "$f" "expectations.feature:6: Scenario 'a misspelt first step, which Gherkin reads as a description' states no expectation"
f=$(expectations undefined-step '  Scenario: a step nobody defined
    When the agent dances a jig for aarch64-linux')
run undefined-step "$f" "expectations.feature:7: undefined step 'When the agent dances a jig for aarch64-linux'"
f=$(expectations command-step '  Scenario: forged evidence
    When root runs on the agent host:
      """
      echo forged > /var/log/dispatchcheck/journal
      """
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
run command-step "$f" "expectations.feature:7: step 'When root runs on the agent host:' is not for a farm's expectations"
f=$(expectations tags-nothing '  Scenario: the agent builds
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
run tags-nothing "$f" "--tags '@faults' selects none of the 1 scenarios" --tags @faults

# Input as deep or as long as it likes: refused at its file and line, never a crash (exit 1).
f=$(farm deep-include 'include /etc/nix/c1.conf')
for i in $(seq 1 3000); do printf 'include /etc/nix/c%d.conf\n' $((i + 1)) >"$f/agent/etc/nix/c$i.conf"; done
run deep-include "$f" "agent/etc/nix/c16.conf:1: error: include '/etc/nix/c17.conf' nests more than 16 files deep"
f=$(farm deep-machines 'builders = @/etc/nix/m1')
for i in $(seq 1 3000); do printf '@/etc/nix/m%d\n' $((i + 1)) >"$f/agent/etc/nix/m$i"; done
run deep-machines "$f" "nests more than 16 files deep, dispatchcheck's limit for include and @file chains (raise it with --max-include-depth)"
f=$(farm deep-json 'builders = @/etc/nix/machines')
{ printf '{"cluster": '; for _ in $(seq 1 5000); do printf '['; done; for _ in $(seq 1 5000); do printf ']'; done; printf '}\n'; } >"$f/hercules-ci-agent.json"
run deep-json "$f" "hercules-ci-agent.json:1: error: nested more than 64 levels deep"
f=$(farm long-toml 'trusted-users = root hercules-ci-agent')
printf '[nixSettings]\nbuilders = "%s"\n' "$(for i in $(seq 1 40); do printf 'ssh://b%d.example.com aarch64-linux - 1 1 ; ' "$i"; done)" >"$f/hercules-ci-agent.toml"
WANT=0 CMD=lint run long-toml "$f" "lint of"
# An IPv6 builder (its '::' is what a CI runner acts on), a store URI without '//' and a Lix
# TOML machines file are warnings of what Nix versions read differently (exit 0): the TOML
# file is one warning at the line that shows its format, never an error per line.
f=$(farm ipv6 'builders = @/etc/nix/machines')
printf '%s\n' 'ssh://fd00::1 aarch64-linux' 'ssh-ng://nix@[2001:db8::5]:2222 aarch64-linux' 'ssh:b.example.com aarch64-linux' \
  >"$f/agent/etc/nix/machines"
WANT=0 CMD=lint run ipv6 "$f" "agent/etc/nix/machines:1: warning: builder 'fd00:\x3a1' of ssh://fd00:\x3a1 is an IPv6 address without brackets"
f=$(farm lix-toml 'builders = @/etc/nix/machines')
printf '%s\n' 'version = 1' '[machines.andesite]' 'uri = "ssh://lix@andesite.example.com"' \
  'supported-features = ["kvm", "benchmark"]' >"$f/agent/etc/nix/machines"
WANT=0 CMD=lint run lix-toml "$f" "agent/etc/nix/machines:1: warning: a machines file in Lix's TOML format"
f=$(farm long-line 'builders = @/etc/nix/machines')
printf 'ssh://b.example.com %s\n' "$(head -c 20000 /dev/zero | tr '\0' 'x')" >"$f/agent/etc/nix/machines"
run long-line "$f" "agent/etc/nix/machines:1: error: the line is 20020 characters long; dispatchcheck reads lines of at most 16384 (raise it with --max-line-length 20020)"

# Past each stated limit: exit 2 at the line that goes past it, naming the option.
f=$(farm many-builders 'builders = @/etc/nix/machines')
for i in $(seq 1 60); do printf 'ssh://b%d.example.com aarch64-linux\n' "$i"; done >"$f/agent/etc/nix/machines"
run many-builders "$f" "agent/etc/nix/machines:49: error: the farm names 60 stand-in builders"
f=$(farm many-cells 'builders = @/etc/nix/machines')
printf 'ssh://b.example.com aarch64-linux - 1 1 %s\n' "$(seq -s, -f 'f%g' 1 250)" >"$f/agent/etc/nix/machines"
run many-cells "$f" "raise it with --max-cells"
f=$(expectations many-scenarios "$(printf '  Scenario Outline: n <n>\n    When the agent builds a probe for aarch64-linux\n    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com\n    Examples:\n      | n |\n'; for i in $(seq 1 250); do printf '      | %d |\n' "$i"; done)")
run many-scenarios "$f" "(raise it with --max-scenarios 250)"
f=$(expectations many-builds '  Scenario: a flood
    When the agent builds 1000000 probes for aarch64-linux at the same time
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
run many-builds "$f" "asks for 1000000 probe builds; dispatchcheck runs at most 20 (raise it with --max-builds-per-step 1000000)"
f=$(expectations many-at-once '  Scenario: a burst
    When the agent builds 9 probes for aarch64-linux at the same time
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
run many-at-once "$f" "runs 9 probe builds at the same time; dispatchcheck runs at most 8 (raise it with --max-concurrent-builds 9)"

# Key files where a farm may not put them, builder names the harness holds or that clash, a bare entry.
f=$(farm key-path 'builders = @/etc/nix/machines')
printf '%s\n' 'ssh://b.example.com aarch64-linux /etc/ld.so.preload' >"$f/agent/etc/nix/machines"
run key-path "$f" "ssh key '/etc/ld.so.preload' of ssh://b.example.com lies outside the directories a key file may be in"
f=$(farm key-sudoers 'builders = @/etc/nix/machines')
printf '%s\n' 'ssh://b.example.com aarch64-linux /root/.ssh/./authorized_keys' >"$f/agent/etc/nix/machines"
run key-sudoers "$f" "names a file that Nix, ssh or dispatchcheck itself reads or writes (/root/.ssh/authorized_keys)"
# Throwaways of the secrets a farm names and does not hold: only where a stand-in keeps such a file.
f=$(farm secret-key-path 'secret-key-files = /etc/nix/../../etc/ld.so.preload')
run secret-key-path "$f" "agent/etc/nix/nix.conf:1: error: secret-key-files '/etc/nix/../../etc/ld.so.preload' is not an absolute path"
f=$(farm secret-include 'include /run/secrets/tokens$(touch${IFS}x)')
run secret-include "$f" "agent/etc/nix/nix.conf:1: error: include '/run/secrets/tokens\$(touch\${IFS}x)' is not an absolute path"
f=$(farm identity-path 'builders = ssh://b.example.com aarch64-linux')
mkdir -p "$f/agent/root/.ssh"; printf '%s\n' 'Host *' '  IdentityFile /etc/sudoers.d/builder' >"$f/agent/root/.ssh/config"
run identity-path "$f" "agent/root/.ssh/config:2: error: IdentityFile '/etc/sudoers.d/builder' lies outside the directories where dispatchcheck makes a throwaway"
f=$(farm alias-hostname 'builders = ssh://arm1 aarch64-linux')
mkdir -p "$f/agent/root/.ssh"; printf '%s\n' 'Host arm1' '  HostName agent' >"$f/agent/root/.ssh/config"
run alias-hostname "$f" "agent/root/.ssh/config:2: error: HostName agent of builder arm1 is the name of one of dispatchcheck's own hosts"
f=$(farm alias-port 'builders = ssh://arm1 aarch64-linux')
mkdir -p "$f/agent/root/.ssh"; printf '%s\n' 'Host arm1' '  HostName a.example.com' '  Port 99999' >"$f/agent/root/.ssh/config"
run alias-port "$f" "agent/root/.ssh/config:3: error: port '99999' of builder arm1 is not a number from 1 to 65535"
f=$(farm proxyjump-bad 'builders = ssh://b.example.com aarch64-linux')
mkdir -p "$f/agent/root/.ssh"; printf '%s\n' 'Host b.example.com' '  ProxyJump -oProxyCommand=x' >"$f/agent/root/.ssh/config"
run proxyjump-bad "$f" "agent/root/.ssh/config:2: error:"
f=$(farm builder-agent 'builders = @/etc/nix/machines')
printf '%s\n' 'ssh://agent aarch64-linux' >"$f/agent/etc/nix/machines"
run builder-agent "$f" "builder host name 'agent' is the name of one of dispatchcheck's own hosts"
f=$(farm builder-case 'builders = ssh://b.example.com aarch64-linux')
mkdir -p "$f/builders/B.EXAMPLE.COM/etc/nix" "$f/builders/b.example.com/etc/nix"
echo 'max-jobs = 1' >"$f/builders/B.EXAMPLE.COM/etc/nix/nix.conf"; echo 'max-jobs = 2' >"$f/builders/b.example.com/etc/nix/nix.conf"
run builder-case "$f" "builders/B.EXAMPLE.COM/ and builders/b.example.com/ name the same host"
f=$(farm bare-entry 'builders = @/etc/nix/machines')
printf '%s\n' 'bad_host.example.com aarch64-linux' >"$f/agent/etc/nix/machines"
run bare-entry "$f" "builder host name 'bad_host.example.com' is not an RFC 1123 host name"

# Every hook and every command-running ssh option is named by lint at its file:line (a
# warning: check deploys it neutralised; examples/farm-commands-farm proves none runs).
f=$(farm hooks "$(printf '%s\n' 'builders = @/etc/nix/machines' 'build-hook = /etc/nix/x.sh' 'pre-build-hook = /etc/nix/x.sh' \
  'post-build-hook = /etc/nix/x.sh' 'diff-hook = /etc/nix/x.sh' 'plugin-files = /etc/nix/p.so')")
printf '%s\n' 'ssh://b.example.com aarch64-linux' >"$f/agent/etc/nix/machines"
mkdir -p "$f/agent/root/.ssh"
printf '%s\n' 'Host *' '  ProxyCommand sh -c "touch /tmp/RAN"' '  LocalCommand touch /tmp/RAN' '  PermitLocalCommand yes' \
  '  KnownHostsCommand /bin/true' '  PKCS11Provider /tmp/p.so' '  SecurityKeyProvider /tmp/s.so' \
  'Match host b.example.com exec "test ! -d /opt/dispatchcheck"' '  HostName elsewhere.example.com' >"$f/agent/root/.ssh/config"
WANT=0 CMD=lint run hooks "$f" "agent/etc/nix/nix.conf:2: warning: build-hook runs '/etc/nix/x.sh' as root for every build"
for want in 'nix.conf:3: warning: pre-build-hook' 'nix.conf:4: warning: post-build-hook' 'nix.conf:5: warning: diff-hook' \
  'nix.conf:6: warning: plugin-files' 'config:2: warning: ProxyCommand' 'config:3: warning: LocalCommand' \
  'config:5: warning: KnownHostsCommand' 'config:6: warning: PKCS11Provider' 'config:7: warning: SecurityKeyProvider' \
  'config:8: warning: Match exec'; do
  grep -qF -- "$want" "$OUT/hooks.stderr" || { printf 'FAIL %-16s lint did not say %s\n' hooks "$want"; failures=$((failures + 1)); }
done

# Expectations that would deploy what the farm's files may not hold: each checked by the
# file rules, at the .feature's line.
f=$(expectations expect-ssh-user '  Scenario: a machines line from an expectation
    Given the agent host'"'"'s system machines file (/etc/nix/machines) says:
      """
      ssh-ng://-oProxyCommand=sh@aarch64-linux-1.example.com aarch64-linux
      """
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
run expect-ssh-user "$f" "expectations.feature:9: SSH user '-oProxyCommand=sh' of ssh-ng://-oProxyCommand=sh@aarch64-linux-1.example.com is not a login name"
f=$(expectations expect-hook '  Scenario: a hook from an expectation
    Given the agent'"'"'s own nix.conf says:
      """
      build-hook = /tmp/forge
      """
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
run expect-hook "$f" "expectations.feature:9: build-hook is not for a farm's expectations"
f=$(expectations expect-cell '  Scenario: a table cell that would add a nix.conf line
    Given remote builders that claim foreign systems:
      | builder     | systems                                     |
      | b.example.com | aarch64-linux\nbuild-hook = /tmp/forge |
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to b.example.com')
run expect-cell "$f" "is not one line of text"

f=$(expectations expect-nixsettings '  Scenario: nixSettings from an expectation
    Given the agent'"'"'s nixSettings say:
      """
      post-build-hook = /tmp/forge
      """
    When an effect of the agent builds a probe for aarch64-linux
    Then the agent'"'"'s build went to aarch64-linux-1.example.com')
run expect-nixsettings "$f" "expectations.feature:9: post-build-hook is not for a farm's expectations"
f=$(expectations expect-effect-builders '  Scenario: an effect'"'"'s own builders from an expectation
    When an effect of the agent builds a probe for aarch64-linux with its own builders "ssh://-oProxyCommand=sh@b aarch64-linux"
    Then the agent'"'"'s build went to aarch64-linux-1.example.com')
run expect-effect-builders "$f" "expectations.feature:7: SSH user '-oProxyCommand=sh'"
f=$(expectations expect-extra-hook '  Scenario: an extra- hook from an expectation
    Given the agent host'"'"'s system nix.conf says:
      """
      extra-build-hook = /tmp/forge
      """
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
run expect-extra-hook "$f" "expectations.feature:9: extra-build-hook is not for a farm's expectations"

# Expectation files named with ':', '#', '%', a space, a newline and non-ASCII: each file's
# problem is named with its file and line, every name shown escaped on one line.
f=$(expectations odd-names '  Scenario: a valid one
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
for n in 'prod:gate' 'a #1' '100%' 'with space' $'new\nline' 'bâtiment-ünï'; do
  printf '%s\n' 'Feature: odd' '  Scenario: a step nobody defined' '    When the agent dances a jig for aarch64-linux' \
    '    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com' >"$f/$n.feature"
done
run odd-names "$f" "new\x0aline.feature:3: undefined step"
for n in 'prod:gate' 'a #1' '100%' 'with space' 'bâtiment-ünï'; do
  grep -qF -- "$n.feature:3: undefined step" "$OUT/odd-names.stderr" || { printf 'FAIL %-16s %s not named\n' odd-names "$n.feature"; failures=$((failures + 1)); }
done

# GitHub workflow commands and GitLab section markers in a value and in a file name: shown
# defused (run() fails any output that still holds one).
f=$(farm workflow-value 'builders = @/etc/nix/machines')
printf '%s\n' '{"nixSettings": {"::error title=owned::x": "1", "##[set-output name=a;]b": "2"}}' >"$f/hercules-ci-agent.json"
run workflow-value "$f" "hercules-ci-agent.json:1: error: nixSettings name ':\x3aerror title=owned:\x3ax' is not a setting's name"
f=$(expectations workflow-name '  Scenario: the agent builds
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com')
printf '%s\n' 'Feature: x' '  Scenario: y' '    When the agent dances a jig for aarch64-linux' \
  '    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com' >"$f/::stop-commands::tok.feature"
printf '%s\n' 'Feature: x' '  Scenario: y' '    When the agent dances a jig for aarch64-linux' \
  '    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com' >"$f/section_start:1:x ##[error]y.feature"
run workflow-name "$f" ":\x3astop-commands:\x3atok.feature:3: undefined step"

# Through the launcher, as a CI job runs check: a launcher that provisioned before linting
# would try to start an engine, DOCKER_HOST pointing nowhere, and not end with exit 2.
VIA_LAUNCHER=1 run launcher-lint examples/malformed-farm "malformed-farm/agent/etc/nix/machines:2: error:"

if [ "$engine" = yes ]; then
  # Any container or network one of these JVMs made carries their run id as its label.
  created=$(docker events --since "$started" --until "$(date +%s)" --filter "label=dispatchcheck.run=$RUN_ID" \
    --filter event=create --format '{{.Type}} {{.Actor.ID}}' 2>/dev/null || true)
  after=$(ours)
  if [ -z "$created" ]; then
    printf 'PASS %-16s none created by these runs (dispatchcheck containers and networks on the engine: %s before, %s after)\n' \
      no-containers "$before" "$after"
  else
    printf 'FAIL %-16s made on the engine by these runs: %s\n' no-containers "$(echo "$created" | tr '\n' ' ')"
    failures=$((failures + 1))
  fi
else
  say "no Docker engine answers: the container check is skipped (DOCKER_HOST pointed nowhere for every run)"
fi

[ "$failures" = 0 ] || { say "$failures case(s) failed"; exit 1; }
say "every hostile farm ended as docs/untrusted-input.md states, before anything started"
