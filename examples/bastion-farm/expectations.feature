Feature: The agent builds aarch64-linux on aarch64-linux-1.example.com, through the bastion
  The guide's farm behind a bastion: root's ~/.ssh/config has ssh reach every builder
  through bastion.example.com (ProxyJump). The builders' stand-ins are on a network the
  agent host is not on, so every build that reaches them went through the bastion.

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
    Then the verdict that the agent's build went to aarch64-linux-0.example.com is a failure saying "but it was dispatched to aarch64-linux-1.example.com via bastion.example.com"
