@faults
Feature: Builders that break
  Not a section of the guide, but what an operator meets in production: a builder that
  goes away, a builder whose host key changes, an SSH key that cannot be used. Figures
  (how long a failover took) are noted in the report; they are measurements, not pass
  or fail bounds. The failover runs with both ssh:// and ssh-ng:// lines, restating the
  system machines file.

  Background: two aarch64-linux builders, set up as the NixOS module for the agent leaves a system
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      """

  Scenario Outline: a builder goes down and builds fail over to the other (<protocol>)
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-0
    When aarch64-linux-0 goes down
    And the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1
    And the report notes how long the agent's build took

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  @selfcheck
  Scenario Outline: self-check: after the failover the build is not credited to the builder that went down (<protocol>)
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When aarch64-linux-0 goes down
    And the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "but it was dispatched to aarch64-linux-1"

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  Scenario: both builders down: the agent's build fails with a clear error
    When aarch64-linux-0 goes down
    And aarch64-linux-1 goes down
    And the agent builds a probe for aarch64-linux
    Then the agent's build failed because no SSH connection to the builder could be made
    And the report notes how long the agent's build took

  @selfcheck
  Scenario: self-check: with both builders down, "it went to a system builder" fails and says why
    When aarch64-linux-0 goes down
    And aarch64-linux-1 goes down
    And the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to a builder of the system machines file is a failure saying "Likely cause: no SSH connection to the builder could be made"

  Scenario: the builder's host key changes
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1
    When root runs on aarch64-linux-1:
      """
      rm -f /etc/ssh/ssh_host_*
      ssh-keygen -A >/dev/null
      kill -HUP "$(cat /run/sshd.pid)"
      """
    And the agent builds a probe for aarch64-linux
    Then the agent's build failed because the builder's host key was not accepted

  @selfcheck
  Scenario: self-check: after a host key change the diagnosis names the host key
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When root runs on aarch64-linux-1:
      """
      rm -f /etc/ssh/ssh_host_*
      ssh-keygen -A >/dev/null
      kill -HUP "$(cat /run/sshd.pid)"
      """
    And the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1 is a failure saying "Likely cause: the builder's SSH host key was not accepted"

  Scenario Outline: the machines line names an SSH key: <key>
    The builder accepts only a dedicated key, not root's default one, so the key field of
    the machines line decides.
    Given root runs on the agent host:
      """
      ssh-keygen -q -t ed25519 -N '' -C builder-only -f /root/.ssh/builder_key
      chmod <mode> /root/.ssh/builder_key
      """
    And root copies "/root/.ssh/builder_key.pub" from the agent host to "/root/.ssh/authorized_keys" on aarch64-linux-1
    And the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux <path> 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build <outcome>

    Examples:
      | key                           | mode | path                     | outcome                                                            |
      | readable by root              | 600  | /root/.ssh/builder_key   | went to aarch64-linux-1                                            |
      | that does not exist           | 600  | /root/.ssh/no_such_key   | failed because the SSH key named for the builder cannot be used    |
      | with permissions ssh rejects  | 644  | /root/.ssh/builder_key   | failed because the SSH key named for the builder cannot be used    |

  @selfcheck
  Scenario Outline: self-check: a key that cannot be used is named as the cause: <key>
    Given root runs on the agent host:
      """
      ssh-keygen -q -t ed25519 -N '' -C builder-only -f /root/.ssh/builder_key
      chmod <mode> /root/.ssh/builder_key
      """
    And root copies "/root/.ssh/builder_key.pub" from the agent host to "/root/.ssh/authorized_keys" on aarch64-linux-1
    And the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux <path> 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1 is a failure saying "Likely cause: the SSH identity file named for the builder cannot be used"

    Examples:
      | key                           | mode | path                     |
      | that does not exist           | 600  | /root/.ssh/no_such_key   |
      | with permissions ssh rejects  | 644  | /root/.ssh/builder_key   |

  Scenario: a frozen builder hangs the agent's build, for Nix has no timeout of its own
    The builder's sshd accepts the connection but never answers, as a hung or overloaded
    machine does. Nix waits for it without end, and does not try the other builder; the
    harness watches for 20 s and stops there.
    When aarch64-linux-0 freezes
    And the agent starts a probe for aarch64-linux without waiting for it
    Then the agent's build is still running after 20 seconds

  @selfcheck
  Scenario: self-check: a build that ended is not taken for one that hangs
    When the agent starts a probe for aarch64-linux without waiting for it
    Then the verdict that the agent's build is still running after 20 seconds is a failure saying "dispatched to aarch64-linux-0, succeeded"

  Scenario: with ConnectTimeout in root's SSH configuration, a frozen builder is given up and the other one builds
    The working form: the build hook's ssh runs as root, so root's ~/.ssh/config decides.
    OpenSSH applies ConnectTimeout to the handshake too, so a builder that never answers
    fails after that time, and Nix tries the next builder.
    Given root runs on the agent host:
      """
      printf 'Host *\n  ConnectTimeout 5\n' > /root/.ssh/config
      """
    When aarch64-linux-0 freezes
    And the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1
    And the report notes how long the agent's build took

  @selfcheck
  Scenario: self-check: with ConnectTimeout, the build on a frozen builder does not hang
    Given root runs on the agent host:
      """
      printf 'Host *\n  ConnectTimeout 5\n' > /root/.ssh/config
      """
    When aarch64-linux-0 freezes
    And the agent starts a probe for aarch64-linux without waiting for it
    Then the verdict that the agent's build is still running after 30 seconds is a failure saying "dispatched to aarch64-linux-1, succeeded"
