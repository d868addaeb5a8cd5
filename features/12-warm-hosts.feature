@warm-hosts
Feature: Hosts reused between scenarios carry nothing over
  Scenarios share warm hosts: when one ends, its hosts are reset to the state they had
  when first started, and the next scenario of the same hosts gets them only if the
  hand-over check finds them exactly in that state. The check compares, host by host,
  every file, owner, mode and content under the trees a reset restores (/etc, home
  directories, /tmp, /var/log, /nix/var, /run), the store's paths, the running processes,
  every path elsewhere changed since that state was recorded, and the container's own
  condition (running, not paused, on its farm's network alone). A host that fails the
  check is replaced, never used. The check runs as the reset ends; when idle hosts are
  taken, their containers are looked at again.

  Background: two aarch64-linux builders in use
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | nix@aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      ssh-ng://nix@aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      """

  Scenario: a farm that built, changed a host key and gained a user is clean after its reset
    When the agent builds a probe for aarch64-linux
    And root runs on aarch64-linux-0:
      """
      rm -f /etc/ssh/ssh_host_*
      ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key
      kill -HUP "$(cat /run/sshd.pid)"
      useradd --create-home intruder
      sleep 600 >/dev/null 2>&1 &
      """
    And the farm is reset for the next scenario
    Then every host is clean at hand-over

  Scenario: a host that fails the hand-over check is replaced alone, and its farm kept
    A change outside the trees a reset restores cannot be undone, so that host gives way
    to a fresh one of the same name; the others passed the check, so they stay, and root's
    SSH is wired again between all of them.
    When the agent builds a probe for aarch64-linux
    And root runs on aarch64-linux-0:
      """
      echo stray > /usr/local/bin/stray
      """
    And the farm is handed over for the next scenario
    Then aarch64-linux-0 was replaced by a fresh host at hand-over, and no other host was
    And every host is clean at hand-over
    And root runs on the agent host:
      """
      ssh aarch64-linux-0 true
      ssh aarch64-linux-1 true
      """

  @selfcheck
  Scenario: self-check: a hand-over that replaced one host is not taken for another's
    When root runs on aarch64-linux-0:
      """
      echo stray > /usr/local/bin/stray
      """
    And the farm is handed over for the next scenario
    Then the verdict that aarch64-linux-1 was replaced by a fresh host at hand-over, and no other host was is a failure saying "aarch64-linux-0"

  @selfcheck
  Scenario Outline: self-check: the hand-over check finds <what>
    A pollution that starts a process waits until the process is what it names: a check
    between a pipeline's fork and its exec sees only shells.
    When the agent builds a probe for aarch64-linux
    And the farm is reset for the next scenario
    And root runs on aarch64-linux-0:
      """
      <pollution>
      """
    Then the verdict that aarch64-linux-0 is clean at hand-over is a failure saying "<saying>"

    Examples:
      | what                                   | pollution                                                                | saying                                   |
      | a changed nix.conf                     | echo 'max-jobs = 7' >> /etc/nix/nix.conf                                 | content etc/nix/nix.conf                 |
      | a changed host key                     | rm -f /etc/ssh/ssh_host_ed25519_key*; ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key | content etc/ssh/ssh_host_ed25519_key.pub |
      | an extra authorized key                | echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk stray' >> /root/.ssh/authorized_keys | content root/.ssh/authorized_keys        |
      | a known_hosts entry                    | echo 'stray ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk' >> /root/.ssh/known_hosts      | content root/.ssh/known_hosts            |
      | a probe journal entry                  | echo stray > /var/log/dispatchcheck/probe-stray                          | var/log/dispatchcheck/probe-stray        |
      | a process left running                 | setsid sleep 600 >/dev/null 2>&1 < /dev/null &                           | + process root sleep x2                  |
      | a path left in the store               | mkdir /nix/store/00000000000000000000000000000000-stray                  | + store 00000000000000000000000000000000-stray |
      | a file outside the restored trees      | echo stray > /usr/local/bin/stray                                        | + outside /usr/local/bin/stray           |
      | a file outside the trees made at start, changed in place | echo stray >> /usr/local/libexec/dispatchcheck/neutralised/post-build-hook | + outside /usr/local/libexec/dispatchcheck/neutralised/post-build-hook |
      | an image file deep outside, changed    | echo '# stray' >> /usr/share/perl5/Debconf/Log.pm                        | + outside /usr/share/perl5/Debconf/Log.pm |
      | an image file outside, removed         | rm /usr/bin/yes                                                          | + outside /usr/bin                       |
      | a Nix daemon waiting for its client    | nix-daemon-restart                                                       | + process root nix-daemon-wait x1        |
      | a running Nix daemon                   | nix-daemon-restart; sudo -u alice nix-store -q --hash /nix/store/00000000000000000000000000000000-x 2>/dev/null \|\| true | + process root nix-daemon x1 |
      | a look-alike of the build channel      | setsid sh -c 'sleep 600 \| /usr/local/sbin/nix-host-streams' >/dev/null 2>&1 < /dev/null & for i in $(seq 200); do pgrep -x nix-host-stream >/dev/null && break; sleep 0.01; done | + process root nix-host-stream x1 |

  @selfcheck
  Scenario Outline: self-check: the hand-over check finds a builder that <what>
    When the farm is reset for the next scenario
    And aarch64-linux-0 <what>
    Then the verdict that aarch64-linux-0 is clean at hand-over is a failure saying "<saying>"

    Examples:
      | what       | saying                               |
      | freezes    | the container is paused              |
      | goes down  | the container is not running         |
