@guide:using-a-non-default-set-of-builders
Feature: The agent can use another set of builders than the system's
  Guide, "Using a non-default set of builders": the agent reads the Nix dotfile of the
  user it runs as, /var/lib/hercules-ci-agent/.config/nix/nix.conf, and "you may use
  this file to reset the builders option, or append to the option using extra-builders
  entries". Resetting works (see "other user works but agent fails"). Appending works,
  but not with extra-builders: Nix has no such setting.

  Background: two aarch64-linux builders in the system set, and an aarch64-darwin builder outside it
    Given remote builders that claim foreign systems:
      | builder          | systems        |
      | aarch64-linux-0  | aarch64-linux  |
      | aarch64-linux-1  | aarch64-linux  |
      | aarch64-darwin-0 | aarch64-darwin |
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

  Scenario: the agent appends one builder to the system set, for itself alone
    The working way to append: include the system machines file, then add a line.
    Given the agent's own nix.conf says:
      """
      builders = @/etc/nix/machines ; ssh://aarch64-darwin-0 aarch64-darwin - 1 1 - - -
      """
    When the agent builds a probe for aarch64-darwin
    Then the agent's build went to aarch64-darwin-0
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to a builder of the system machines file
    When the ordinary user builds a probe for aarch64-darwin
    Then the ordinary user's build failed because no builder can build it

  @selfcheck
  Scenario: self-check: with the guide's extra-builders, the appended builder is not used
    The same expectation against the broken configuration from the guide.
    Given the agent's own nix.conf says:
      """
      extra-builders = ssh://aarch64-darwin-0 aarch64-darwin - 1 1 - - -
      """
    When the agent builds a probe for aarch64-darwin
    Then the verdict that the agent's build went to aarch64-darwin-0 is a failure saying "but it was not built anywhere, failed"
    And the verdict that the agent's build printed no warning is a failure saying "warning: unknown setting 'extra-builders'"

  @guide-defect
  Scenario: the guide's extra-builders entries are ignored with a warning
    Nix knows no setting called extra-builders: it warns "unknown setting" and drops
    the entry, so nothing is appended. Use the form of the scenario above instead.
    Given the agent's own nix.conf says:
      """
      extra-builders = ssh://aarch64-darwin-0 aarch64-darwin - 1 1 - - -
      """
    When the agent builds a probe for aarch64-darwin
    Then the agent's build warned "unknown setting 'extra-builders'"
    And the agent's build failed because no builder can build it
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to a builder of the system machines file

  @selfcheck
  Scenario: self-check: the working append form raises no unknown-setting warning
    Given the agent's own nix.conf says:
      """
      builders = @/etc/nix/machines ; ssh://aarch64-darwin-0 aarch64-darwin - 1 1 - - -
      """
    When the agent builds a probe for aarch64-darwin
    Then the verdict that the agent's build warned "unknown setting 'extra-builders'" is a failure saying "dispatched to aarch64-darwin-0"
