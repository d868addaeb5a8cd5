Feature: nixSettings send the agent's effects elsewhere, and the guide's check cannot see it
  The guide's farm, with the agent configuration's nixSettings naming
  aarch64-linux-0.example.com: the guide's check still goes where the dotfile says, to
  aarch64-linux-1.example.com, while the agent's effects go to aarch64-linux-0.example.com.

  Background:
    Given the farm under check

  Scenario: the guide's check passes on the dotfile's builder, the effect goes to nixSettings' one
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1.example.com
    When an effect of the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-0.example.com

  @selfcheck
  Scenario: self-check: the effect is not taken for one on the dotfile's builder
    When an effect of the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1.example.com is a failure saying "but it was dispatched to aarch64-linux-0.example.com"
