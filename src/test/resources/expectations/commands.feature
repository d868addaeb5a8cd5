Feature: expectations that run commands on the hosts

  Background:
    Given the farm under check

  Scenario: a command and a file written as root
    When root runs on the agent host:
      """
      echo forged > /var/log/dispatchcheck/journal
      """
    Given the file "/etc/nix/machines" on the agent host says:
      """
      ssh://aarch64-linux-0 aarch64-linux
      """
    When the agent builds a probe for aarch64-linux
    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com
