Feature: more scenarios than the limit

  Scenario: one
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1.example.com

  Scenario Outline: the outline's examples count one by one
    When the agent builds a probe for <system>
    Then the agent's build went to aarch64-linux-1.example.com

    Examples:
      | system        |
      | aarch64-linux |
      | x86_64-linux  |
      | i686-linux    |
