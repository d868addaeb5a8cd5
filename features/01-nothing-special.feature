@guide:you-do-not-need-anything-special
Feature: What needs no remote builder set-up
  Guide, introduction: "You do NOT need to do anything special" to build on several
  system types or machines through agents, nor to "use the same machine as an agent and
  as a remote builder", since SSH and hercules-ci-agent are configured independently.
  Its one exception: builds of a different system type started on the agent machine
  (by an effect) must use a remote builder.

  Background: two aarch64-linux builders, set up as the NixOS module for the agent leaves a system
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      """

  Scenario: native builds need nothing special, foreign builds still go out
    A build for the agent host's own system (x86_64-linux) runs on the agent host, with
    no dispatch, even though builders are configured.
    When the agent builds a probe for x86_64-linux
    Then the agent's build ran on the agent host itself
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to a builder of the system machines file

  @selfcheck
  Scenario: self-check: a dispatched build is not taken for a local one
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build ran on the agent host itself is a failure saying "but it was dispatched to aarch64-linux-"

  Scenario: the same machine can be an agent and a remote builder
    The agent host also serves, over SSH, as the remote builder of another client, which
    builds nothing itself (max-jobs = 0). Both kinds of dispatch run at the same time,
    each as its own configuration says: the client's builds go to the agent host, and
    the agent's go to the one builder its dotfile names.
    Given a client host besides the agent host
    And the file "/etc/nix/nix.conf" on the client host says:
      """
      max-jobs = 0
      builders = ssh://agent x86_64-linux - 1 1 - - -
      """
    And the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When these builds run at the same time:
      | user              | host            | system        |
      | the ordinary user | the client host | x86_64-linux  |
      | the agent         | the agent host  | aarch64-linux |
    Then the build on the client host went to the agent host
    And the agent's build went to aarch64-linux-1

  @selfcheck
  Scenario: self-check: the client's build is not mistaken for one of the agent's dispatches
    Given a client host besides the agent host
    And the file "/etc/nix/nix.conf" on the client host says:
      """
      max-jobs = 0
      builders = ssh://agent x86_64-linux - 1 1 - - -
      """
    When the ordinary user on the client host builds a probe for x86_64-linux
    Then the verdict that the build on the client host went to aarch64-linux-1 is a failure saying "but it was dispatched to agent"
