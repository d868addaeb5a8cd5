Feature: The guide's example as printed: the agent builds aarch64-linux on aarch64-linux-1.example.com only
  The broken twin of examples/guide-farm: the agent's machines file is what the guide's
  `grep aarch64-linux-1 /etc/nix/nix.conf` leaves, an empty file. The expectation is the
  guide's promise, and it fails: the agent has no builder at all.

  Background:
    Given the farm under check

  Scenario: the agent's aarch64-linux builds go to aarch64-linux-1.example.com
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com
