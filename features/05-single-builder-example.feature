@guide:example-use-a-single-remote-builder
Feature: The guide's example: the agent uses a single remote builder
  Guide, "Example: Use a single remote builder": of several builders in the system
  configuration, keep one for the agent by copying its line into the agent's own
  machines file and pointing the agent's builders option at that file.

  The guide's command copies the line with `grep aarch64-linux-1 /etc/nix/nix.conf`,
  which searches nix.conf, where no builder line is; the line is in /etc/nix/machines.
  Run as printed, the example leaves the agent with no builders at all. The corrected
  command, grepping /etc/nix/machines, does what the guide promises.

  The example does not depend on the kind of machines line: the scenarios that prove it
  restate the system machines file once with ssh:// and once with ssh-ng:// lines.

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

  Scenario Outline: agent uses only aarch64-linux-1 (<protocol>)
    The guide's example, with the builder's line taken from the system machines file.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    Then the file "/var/lib/hercules-ci-agent/.config/nix/machines" on the agent host names aarch64-linux-1 only
    When the agent builds 3 probes for aarch64-linux, one after another
    And the ordinary user builds a probe for aarch64-linux
    Then every build of the agent went to aarch64-linux-1
    And the ordinary user's build went to a builder of the system machines file

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  @selfcheck
  Scenario Outline: self-check: expecting the wrong builder fails and names the one used (<protocol>)
    Same configuration as "agent uses only aarch64-linux-1"; the expectation is wrong
    on purpose.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    And the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "but it was dispatched to aarch64-linux-1"

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  Scenario: five builds in a row all go to the one builder
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    And the agent builds 5 probes for aarch64-linux, one after another
    Then every build of the agent went to aarch64-linux-1

  @selfcheck
  Scenario: self-check: without the example, the agent's builds do not all go to aarch64-linux-1
    The configuration is broken on purpose: the example is not applied, so the agent
    uses the system set, whose first free builder is aarch64-linux-0.
    When the agent builds 5 probes for aarch64-linux, one after another
    Then the verdict that every build of the agent went to aarch64-linux-1 is a failure saying "but it was dispatched to aarch64-linux-0"

  @guide-defect
  Scenario: the guide's example run as printed leaves the agent without builders
    When root runs on the agent host, whatever the exit status:
      """
      grep aarch64-linux-1 /etc/nix/nix.conf > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    Then the file "/var/lib/hercules-ci-agent/.config/nix/machines" on the agent host is empty
    When the ordinary user builds a probe for aarch64-linux
    And the agent builds a probe for aarch64-linux
    Then the ordinary user's build went to a builder of the system machines file
    And the agent's build failed because no builder can build it

  @selfcheck
  Scenario: self-check: the corrected example does not leave the machines file empty
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      """
    Then the verdict that the file "/var/lib/hercules-ci-agent/.config/nix/machines" on the agent host is empty is a failure saying "ssh://aarch64-linux-1 aarch64-linux"

  @selfcheck
  Scenario: self-check: the example as printed does not give the agent aarch64-linux-1
    When root runs on the agent host, whatever the exit status:
      """
      grep aarch64-linux-1 /etc/nix/nix.conf > /var/lib/hercules-ci-agent/.config/nix/machines
      """
    Then the verdict that the file "/var/lib/hercules-ci-agent/.config/nix/machines" on the agent host names aarch64-linux-1 only is a failure saying "could not find the following elements"
