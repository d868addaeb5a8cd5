@beta
Feature: well-formed expectations

  Background:
    Given the farm under check

  Scenario: the agent's build goes to aarch64-linux-1.example.com
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com

  @selfcheck
  Scenario: self-check: not taken for one on aarch64-linux-0.example.com
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0.example.com is a failure saying "but it was dispatched to aarch64-linux-1.example.com"
