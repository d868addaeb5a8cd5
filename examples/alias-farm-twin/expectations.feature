Feature: The agent builds aarch64-linux on aarch64-linux-1.example.com
  The alias farm's broken twin: root's ~/.ssh/config points arm1 at aarch64-linux-0.example.com,
  so the agent's builds go there, and the expectation fails as a verdict naming both names.

  Background:
    Given the farm under check

  Scenario: the agent's aarch64-linux builds go to aarch64-linux-1.example.com
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com
