Feature: past every limit

  Background:
    Given the farm under check

  Scenario: many builds
    When the agent builds 30 probes for aarch64-linux, one after another
    And the ordinary user builds 9 probes for aarch64-linux at the same time
    And an effect of the agent builds 21 probes for aarch64-linux, one after another
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com

  Scenario Outline: builds from the examples
    When the agent builds <n> probes for aarch64-linux at the same time
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com

    Examples:
      | n  |
      | 2  |
      | 25 |
