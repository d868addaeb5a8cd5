@guide:configure-nix-to-use-the-remote-builder
Feature: The agent's foreign-system builds go through the remote builder
  Guide, "Configure Nix to use the remote builder": the agent reads the configuration
  like any other user; once the agent machine is a client of the remote builder, a check
  run as the agent, with the system set to the remote builder's, shows it works. The
  guide's example check is for aarch64-darwin. It adds: change the value of n if neither
  an error nor a build log appears.

  Background: builders for aarch64-linux and aarch64-darwin, set up as the NixOS module leaves a system
    Given remote builders that claim foreign systems:
      | builder          | systems        |
      | aarch64-linux-0  | aarch64-linux  |
      | aarch64-linux-1  | aarch64-linux  |
      | aarch64-darwin-0 | aarch64-darwin |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      ssh://aarch64-darwin-0 aarch64-darwin - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      """

  Scenario Outline: the agent's <system> build is dispatched to the builder that claims <system>
    When the agent builds a probe for <system>
    Then the agent's build went to <builder>

    Examples:
      | system         | builder          |
      | aarch64-darwin | aarch64-darwin-0 |
      | aarch64-linux  | aarch64-linux-0  |

  @selfcheck
  Scenario: self-check: a darwin build is not taken for a linux dispatch
    When the agent builds a probe for aarch64-darwin
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "but it was dispatched to aarch64-darwin-0"

  Scenario: an unchanged check builds nothing, which is why the guide says to change n
    A second check with the same n asks for an output that is already in the store: Nix
    builds nothing and no dispatch appears, so it proves nothing. A fresh n dispatches.
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-0
    When the agent builds the same probe again
    Then the agent's last build built nothing, its output being already valid
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-0

  @selfcheck
  Scenario: self-check: an unchanged check is not taken for a dispatch
    When the agent builds a probe for aarch64-linux
    And the agent builds the same probe again
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "but it was not built anywhere, succeeded"

  @selfcheck
  Scenario: self-check: a check with a fresh n is not taken for an unchanged one
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's last build built nothing, its output being already valid is a failure saying "but it was dispatched to aarch64-linux-0"

  Scenario: concurrent builds spread over the builders
    Each builder takes one job at a time (max jobs 1 in the machines file), so two builds
    started together by the ordinary user land on two builders.
    When the ordinary user builds 2 probes for aarch64-linux at the same time
    Then the builds of the ordinary user went to aarch64-linux-0 and aarch64-linux-1, one each

  @selfcheck
  Scenario: self-check: builds one after another do not count as spread
    With nothing running, each build takes the first free builder, aarch64-linux-0.
    When the ordinary user builds 2 probes for aarch64-linux, one after another
    Then the verdict that the builds of the ordinary user went to aarch64-linux-0 and aarch64-linux-1, one each is a failure saying '["aarch64-linux-0", "aarch64-linux-0"]'
