Feature: The agent builds aarch64-linux on aarch64-linux-1.example.com only
  The guide's example, deployed: the system keeps both builders for everyone, and the
  agent's dotfile narrows its own builds to aarch64-linux-1.example.com.

  Background:
    Given the farm under check

  Scenario: the agent's aarch64-linux builds go to aarch64-linux-1.example.com
    When the agent builds 2 probes for aarch64-linux, one after another
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com

  Scenario: other users keep the system's builders
    When the ordinary user builds a probe for aarch64-linux
    Then the ordinary user's build went to a builder of the system machines file

  @selfcheck
  Scenario: self-check: the agent's build is not taken for one on aarch64-linux-0.example.com
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0.example.com is a failure saying "but it was dispatched to aarch64-linux-1.example.com"

  @effect
  Scenario: the agent's effects build aarch64-linux on aarch64-linux-1.example.com too
    An effect's build reaches the daemon through the agent's proxy, not the guide's check.
    When an effect of the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1.example.com
