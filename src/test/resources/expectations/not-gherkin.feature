Feature: a feature file with a typo in a keyword

  Scenario: the agent's build goes to aarch64-linux-1
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-1 | aarch64-linux |
    Wehn the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1
