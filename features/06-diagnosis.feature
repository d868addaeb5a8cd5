@diagnosis
Feature: When a dispatch goes wrong, the verdict names the likely cause
  Not a section of the guide, but what an operator needs when the guide's check fails:
  a failed expectation states what was observed and the most likely cause, read from the
  agent's log and from the daemon's view of the agent's configuration. Nix itself says
  nothing about some of these causes (a missing machines file; on Nix 2.8, an ignored
  untrusted setting), so the harness looks for itself.

  Each scenario shows Nix's behaviour; its @selfcheck twin makes a dispatch expectation
  fail on purpose and asserts the cause the failure message names.

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

  @selfcheck
  Scenario: cause: the agent is not trusted, so its builders setting was ignored
    Given the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root
      """
    And the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1 is a failure saying "Likely cause: hercules-ci-agent is not in trusted-users (root), so the daemon ignored its own builders setting"

  @selfcheck
  Scenario: cause: an unknown setting was dropped
    Given the agent's own nix.conf says:
      """
      builders =
      extra-builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1 is a failure saying "Likely cause: Nix dropped the unknown setting 'extra-builders'"

  Scenario: a builders file that does not exist leaves the agent without builders, silently
    The guide's example points the agent at its own machines file; if that file was never
    written, Nix skips it without a warning and the agent has no builders.
    Given the agent's own nix.conf says:
      """
      builders = @/var/lib/hercules-ci-agent/.config/nix/machines
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build failed because no builder can build it
    And the agent's build printed no warning

  @selfcheck
  Scenario: cause: a builders file does not exist
    Given the agent's own nix.conf says:
      """
      builders = @/var/lib/hercules-ci-agent/.config/nix/machines
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1 is a failure saying "Likely cause: the builders setting includes /var/lib/hercules-ci-agent/.config/nix/machines, which does not exist"

  Scenario: no builder claims the system
    When the agent builds a probe for riscv64-linux
    Then the agent's build failed because no builder can build it

  @selfcheck
  Scenario: cause: no machine supports the system
    When the agent builds a probe for riscv64-linux
    Then the verdict that the agent's build went to a builder of the system machines file is a failure saying "Likely cause: no machine in the builders the daemon uses for hercules-ci-agent supports this system with these features; those builders are aarch64-linux-0, aarch64-linux-1"

  Scenario Outline: the SSH link to the agent's builder fails: <what>
    Given the agent's own nix.conf says:
      """
      builders = ssh://<builder> aarch64-linux - 1 1 - - -
      """
    And root runs on <host>:
      """
      <command>
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build failed because <failure>

    Examples:
      | what                        | builder         | host            | command                                        | failure                                         |
      | host key not known          | aarch64-linux-1 | the agent host  | sed -i '/^aarch64-linux-1 /d' /root/.ssh/known_hosts | the builder's host key was not accepted         |
      | root's key not authorized   | aarch64-linux-1 | aarch64-linux-1 | : > /root/.ssh/authorized_keys                 | the builder refused the SSH key                 |
      | host name does not resolve  | aarch64-linux-9 | the agent host  | true                                           | no SSH connection to the builder could be made  |

  @selfcheck
  Scenario Outline: cause: SSH failed: <what>
    Given the agent's own nix.conf says:
      """
      builders = ssh://<builder> aarch64-linux - 1 1 - - -
      """
    And root runs on <host>:
      """
      <command>
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to <builder> is a failure saying "Likely cause: <cause>"

    Examples:
      | what                        | builder         | host            | command                                        | cause                                           |
      | host key not known          | aarch64-linux-1 | the agent host  | sed -i '/^aarch64-linux-1 /d' /root/.ssh/known_hosts | the builder's SSH host key was not accepted     |
      | root's key not authorized   | aarch64-linux-1 | aarch64-linux-1 | : > /root/.ssh/authorized_keys                 | the builder refused the SSH key                 |
      | host name does not resolve  | aarch64-linux-9 | the agent host  | true                                           | no SSH connection to the builder could be made  |

  Scenario: nix-store is missing on the builder's PATH
    Nix runs `nix-store --serve` on the builder over a non-interactive SSH session; if it
    is not on that PATH, the builder is unusable.
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And root runs on aarch64-linux-1:
      """
      mv /usr/bin/nix-store /usr/bin/nix-store.moved
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build failed because nix-store is missing on the builder

  @selfcheck
  Scenario: cause: nix-store is missing on the builder's PATH
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And root runs on aarch64-linux-1:
      """
      mv /usr/bin/nix-store /usr/bin/nix-store.moved
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1 is a failure saying "Likely cause: nix-store is not on the builder's non-interactive PATH"
