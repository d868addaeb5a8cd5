@guide:example-use-a-single-remote-builder
Feature: The guide's example, with the guide's own host names
  Guide, "Example: Use a single remote builder", as printed there: the system machines
  file lists aarch64-linux-0.example.com and aarch64-linux-1.example.com, the agent's
  machines file keeps the line of aarch64-linux-1, and "now the agent will only use the
  remote builder at aarch64-linux-1.example.com". Here the builders carry those fully
  qualified names and are reached over ssh-ng://; `grep aarch64-linux-1` still picks the
  one line. The example's grep is corrected to /etc/nix/machines, as in
  `05-single-builder-example.feature`.

  Background: two aarch64-linux builders under the guide's names, reached over ssh-ng
    Given remote builders that claim foreign systems:
      | builder                     | systems       |
      | aarch64-linux-0.example.com | aarch64-linux |
      | aarch64-linux-1.example.com | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh-ng://aarch64-linux-0.example.com aarch64-linux - 1 1 - - -
      ssh-ng://aarch64-linux-1.example.com aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      """

  Scenario: agent uses only aarch64-linux-1.example.com
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    Then the file "/var/lib/hercules-ci-agent/.config/nix/machines" on the agent host names aarch64-linux-1.example.com only
    When the agent builds 3 probes for aarch64-linux, one after another
    And the ordinary user builds a probe for aarch64-linux
    Then every build of the agent went to aarch64-linux-1.example.com
    And the ordinary user's build went to a builder of the system machines file

  @selfcheck
  Scenario: self-check: without the example, the agent's builds do not all go to aarch64-linux-1.example.com
    The configuration is broken on purpose: the example is not applied, so the agent
    uses the system set, whose first free builder is aarch64-linux-0.example.com.
    When the agent builds 3 probes for aarch64-linux, one after another
    Then the verdict that every build of the agent went to aarch64-linux-1.example.com is a failure saying "but it was dispatched to aarch64-linux-0.example.com"
    And the verdict that the file "/etc/nix/machines" on the agent host names aarch64-linux-1.example.com only is a failure saying "aarch64-linux-0.example.com"
