Feature: a long line
  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx

  Scenario: one
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1.example.com
