Feature: The agent builds aarch64-linux on arm1, that is aarch64-linux-1.example.com
  The guide's farm as operators keep it: the agent's machines file names its builder by
  the alias arm1, which root's ~/.ssh/config makes aarch64-linux-1.example.com. The client's
  log says arm1, the output is in aarch64-linux-1.example.com's store: the same builder.

  Background:
    Given the farm under check

  Scenario: the agent's aarch64-linux builds go to aarch64-linux-1.example.com
    When the agent builds 2 probes for aarch64-linux, one after another
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com

  Scenario: an expectation may name the builder by its alias
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to arm1

  Scenario: other users keep the system's builders
    When the ordinary user builds a probe for aarch64-linux
    Then the ordinary user's build went to a builder of the system machines file

  @selfcheck
  Scenario: self-check: the agent's build is not taken for one on aarch64-linux-0.example.com
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0.example.com is a failure saying "but it was dispatched to arm1, that is aarch64-linux-1.example.com"
