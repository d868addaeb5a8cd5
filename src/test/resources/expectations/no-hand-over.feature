Feature: a verdict about a hand-over that never happened

  Scenario: the replacement is asked about without a hand-over
    Given the farm under check
    When the agent builds a probe for aarch64-linux
    Then aarch64-linux-0 was replaced by a fresh host at hand-over, and no other host was

  Scenario: its self-check, with the hand-over after it
    Given the farm under check
    Then the verdict that aarch64-linux-1 was replaced by a fresh host at hand-over, and no other host was is a failure saying "aarch64-linux-0"
    And the farm is handed over for the next scenario

  Scenario: with the hand-over before it
    Given the farm under check
    When the farm is handed over for the next scenario
    Then aarch64-linux-0 was replaced by a fresh host at hand-over, and no other host was

  Scenario Outline: the verdict from an example's cell
    Given the farm under check
    Then <verdict>

    Examples:
      | verdict                                                                           |
      | aarch64-linux-0 was replaced by a fresh host at hand-over, and no other host was |
      | aarch64-linux-1 was replaced by a fresh host at hand-over, and no other host was |

  Scenario: the words quoted in another verdict, and misspelt
    Given the farm under check
    When the agent builds a probe for aarch64-linux
    Then the agent's build failed saying "aarch64-linux-0 was replaced by a fresh host at hand-over"
    And aarch64-linux-0 was replaced by a fresh host at hand-over
