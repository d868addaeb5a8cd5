Feature: an outline whose every row asks too much

  Scenario Outline: builds from the examples
    When the agent builds <n> probes for aarch64-linux, one after another
    Then the agent's build went to aarch64-linux-1.example.com

    Examples:
      | n |
      | 21 |
      | 22 |
      | 23 |
      | 24 |
      | 25 |
      | 26 |
      | 27 |
      | 28 |
      | 29 |
      | 30 |
      | 31 |
      | 32 |
      | 33 |
      | 34 |
      | 35 |
      | 36 |
      | 37 |
      | 38 |
      | 39 |
      | 40 |
      | 41 |
      | 42 |
      | 43 |
      | 44 |
      | 45 |
