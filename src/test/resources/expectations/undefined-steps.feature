@alpha
Feature: steps the vocabulary does not know

  Background:
    Given the farm under check

  Scenario: a step in no step definition's words
    When the agent dances a jig for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com

  Scenario Outline: an outline's undefined step is one problem, with its placeholder (<protocol>)
    When the agent builds a probe for aarch64-linux over <protocol>
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |
