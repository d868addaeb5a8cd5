Feature: tables past the limits

  Scenario: three builders claimed
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
      | aarch64-linux-2 | aarch64-linux |
    When these builds run at the same time:
      | user              | host           | system        |
      | the ordinary user | the agent host | aarch64-linux |
      | the agent         | the agent host | aarch64-linux |
      | the agent         | the agent host | aarch64-linux |
    Then the agent's build went to aarch64-linux-1
