@guide:using-a-non-default-set-of-builders
Feature: The agent can use another set of builders than the system's
  Guide, "Using a non-default set of builders": the agent reads the Nix dotfile of the
  user it runs as, /var/lib/hercules-ci-agent/.config/nix/nix.conf, and that file may
  reset the builders for the agent alone. Its example keeps only one of several system
  builders for the agent.

  Guide, "Configure Nix to use the remote builder": checking that some other user can use
  the remote builder may not be enough; the check must run as the agent.

  Every build here is the guide's check, `sudo -u USER nix-build --expr ...`, with a
  probe derivation for a foreign system and a fresh value of the guide's `n`, so that
  each check really builds. A build counts as dispatched to a builder only when the
  agent's log says so and that builder's store, and no other, holds the output.

  Background: two aarch64-linux builders, configured as the NixOS module leaves a system
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

  Scenario: agent uses only aarch64-linux-1
    The guide's example, with the builder's line taken from the system machines file.
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    And the agent builds 3 probes for aarch64-linux, one after another
    And the ordinary user builds a probe for aarch64-linux
    Then every build of the agent went to aarch64-linux-1
    And the ordinary user's build went to a builder of the system machines file

  @selfcheck
  Scenario: self-check: expecting the wrong builder fails and names the one used
    Same configuration as "agent uses only aarch64-linux-1"; the expectation is wrong
    on purpose, and the harness must say so, naming aarch64-linux-1.
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    And the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure naming aarch64-linux-1

  Scenario: other user works but agent fails
    The agent's dotfile resets the builders, so the agent has none, while every other
    user keeps the system's. A check run as the ordinary user would pass; only the
    agent's own check shows the problem.
    Given the agent's own nix.conf says:
      """
      builders =
      """
    When the ordinary user builds a probe for aarch64-linux
    And the agent builds a probe for aarch64-linux
    Then the ordinary user's build went to a builder of the system machines file
    And the agent's build failed because no builder can build aarch64-linux

  @selfcheck
  Scenario: self-check: without the reset, "the agent fails" is a failing verdict
    The configuration is broken on purpose: the agent's dotfile does not reset the
    builders, so its build succeeds on a system builder, and the verdict that it failed
    must itself fail, naming that builder.
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build failed for want of a builder is a failure naming the builder it went to
