Feature: The agent builds aarch64-linux on aarch64-linux-1.example.com, through the bastion
  The bastion farm's broken twin: the bastion's authorized_keys lists root's old key, not
  the one root's ssh offers it, so the bastion refuses it and no build reaches a builder.

  Background:
    Given the farm under check

  Scenario: the agent's aarch64-linux builds go to aarch64-linux-1.example.com
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com

  Scenario: the cause is the bastion's, not the builder's
    When the agent builds a probe for aarch64-linux
    Then the agent's build failed because the bastion refused the SSH key
