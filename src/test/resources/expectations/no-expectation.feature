Feature: a scenario that cannot fail

  Background:
    Given the farm under check

  Scenario: a typo makes the step a description
    Wehn the agent builds a probe for aarch64-linux
