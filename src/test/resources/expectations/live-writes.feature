Feature: expectations that would change a live farm

  Scenario: the agent's dotfile rewritten
    Given the farm under check
    And the agent's own nix.conf says:
      """
      builders =
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1.example.com

  Scenario: an effect's build
    Given the farm under check
    When an effect of the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1.example.com

  Scenario: probes only
    Given the farm under check
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1.example.com

  Scenario: the hosts handed over
    Given the farm under check
    When the agent builds a probe for aarch64-linux
    And the farm is handed over for the next scenario
    Then aarch64-linux-1.example.com was replaced by a fresh host at hand-over, and no other host was
