@guide:check-as-the-agent
Feature: A check by another user does not prove the agent can dispatch
  Guide, "Configure Nix to use the remote builder": "It may not be sufficient to check
  that some other user can use the remote builder." Each scenario shows one way this
  happens: the ordinary user's check passes on a system builder, while the agent does
  not get what its configuration asks for.

  Where the kind of machines line could matter, a scenario runs twice, restating the
  system machines file with ssh:// and with ssh-ng:// lines.

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

  Scenario Outline: other user works but agent fails (<protocol>)
    The agent's dotfile resets the builders, so the agent has none, while every other
    user keeps the system's.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent's own nix.conf says:
      """
      builders =
      """
    When the ordinary user builds a probe for aarch64-linux
    And the agent builds a probe for aarch64-linux
    Then the ordinary user's build went to a builder of the system machines file
    And the agent's build failed because no builder can build it

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  @selfcheck
  Scenario Outline: self-check: without the reset, "the agent fails" is a failing verdict (<protocol>)
    The configuration is broken on purpose: the agent's dotfile does not reset the
    builders, so its build succeeds on a system builder.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build failed because no builder can build it is a failure saying "but it was dispatched to aarch64-linux-0"

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  Scenario: the agent's builder has a host name root cannot resolve
    The daemon's build hook connects as root, so root's view of the network and of host
    keys is what counts, whichever user asked.
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-9 aarch64-linux - 1 1 - - -
      """
    When the ordinary user builds a probe for aarch64-linux
    And the agent builds a probe for aarch64-linux
    Then the ordinary user's build went to a builder of the system machines file
    And the agent's build failed because no SSH connection to the builder could be made

  @selfcheck
  Scenario: self-check: an unresolvable builder is not taken for a host key problem
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-9 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build failed because the builder's host key was not accepted is a failure saying "no SSH connection to the builder could be made"

  Scenario: root does not know the host key of the agent's builder
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And root runs on the agent host:
      """
      sed -i '/^aarch64-linux-1 /d' /root/.ssh/known_hosts
      """
    When the ordinary user builds a probe for aarch64-linux
    And the agent builds a probe for aarch64-linux
    Then the ordinary user's build went to a builder of the system machines file
    And the agent's build failed because the builder's host key was not accepted

  @selfcheck
  Scenario: self-check: a host key problem is not taken for a missing builder
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And root runs on the agent host:
      """
      sed -i '/^aarch64-linux-1 /d' /root/.ssh/known_hosts
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build failed because no builder can build it is a failure saying "the builder's SSH host key was not accepted"

  @version-differs
  Scenario Outline: an agent missing from trusted-users is silently sent to a system builder (<protocol>)
    The agent's dotfile asks for aarch64-linux-1 only, but the agent is not a trusted
    user, so the daemon ignores its builders setting and uses the system's builders. The
    build succeeds, on a builder the agent never asked for. Nix 2.8 prints nothing about
    it; Nix 2.26 warns that the setting was ignored, and still succeeds.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root
      """
    And the agent's own nix.conf says:
      """
      builders = <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-0
    And the agent's build printed, by the agent host's Nix version:
      | Nix  | warning                                                                                                            |
      | 2.8  | none                                                                                                               |
      | 2.26 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |
      | 2.34 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  @selfcheck
  Scenario Outline: self-check: the untrusted agent's build fails the expectation of its own builder (<protocol>)
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root
      """
    And the agent's own nix.conf says:
      """
      builders = <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1 is a failure saying "but it was dispatched to aarch64-linux-0"
    And the verdict that the agent's build printed what other Nix versions print is a failure saying "dispatched to aarch64-linux-0":
      | Nix  | warning                                                                                                            |
      | 2.8  | none                                                                                                               |
      | 2.26 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |
      | 2.34 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |
