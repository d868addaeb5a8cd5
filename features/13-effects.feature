@effects @guide:you-do-not-need-anything-special
Feature: Builds started by the agent's effects
  Guide, introduction: "If you need to build derivations in an effect, and those
  derivations' system does not match that of the effect, you currently need to set up a
  remote builder." The guide's check, `sudo -u hercules-ci-agent nix-build …`, is not the
  path an effect's build takes. An effect's nix-build runs with HOME=/homeless-shelter, an
  empty /etc and NIX_REMOTE=daemon, and talks to a proxy daemon of the agent's, which
  runs as the agent with the service's HOME, applies the agent configuration's
  `nixSettings` as options, serves the effect as an untrusted client, and forwards the
  agent's own settings to the system daemon (docs/effects.md).

  So an effect gets what the agent's dotfile asks for, and what its `nixSettings` ask
  for, only if the agent is trusted; it never gets builders it names itself, except an
  empty list; and the options every client sends, max-jobs among them, reach the daemon
  whatever the trust.

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

  Scenario Outline: the guide's example reaches effects: they use only aarch64-linux-1 (<protocol>)
    The guide's example, with the builder's line taken from the system machines file:
    the guide's check and the agent's effects go to the one builder the dotfile names.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    And the agent builds a probe for aarch64-linux
    And an effect of the agent builds 2 probes for aarch64-linux, one after another
    And the ordinary user builds a probe for aarch64-linux
    Then every build of the agent went to aarch64-linux-1
    And the agent's build printed no warning
    And the ordinary user's build went to a builder of the system machines file

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  @selfcheck
  Scenario Outline: self-check: expecting another builder for the effect fails and names the one used (<protocol>)
    Same configuration as "the guide's example reaches effects"; the expectation is
    wrong on purpose.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When root runs on the agent host:
      """
      grep aarch64-linux-1 /etc/nix/machines > /var/lib/hercules-ci-agent/.config/nix/machines
      echo 'builders = @/var/lib/hercules-ci-agent/.config/nix/machines' >> /var/lib/hercules-ci-agent/.config/nix/nix.conf
      """
    And an effect of the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "but it was dispatched to aarch64-linux-1"

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  @version-differs
  Scenario: an untrusted agent's effects go to the system's builders
    The agent's dotfile asks for aarch64-linux-1, but the agent is not in trusted-users:
    the daemon ignores the builders the proxy forwards for it, and the effect goes to the
    system's first builder. Nix 2.8 says nothing; from 2.22 the effect's log warns, though
    the effect named no builders: the warning is about the agent's own.
    Given the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root
      """
    And the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When an effect of the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-0
    And the agent's build printed, by the agent host's Nix version:
      | Nix  | warning                                                                                                            |
      | 2.8  | none                                                                                                               |
      | 2.26 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |
      | 2.34 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |

  @selfcheck
  Scenario: self-check: the untrusted agent's effect fails the expectation of the agent's builder
    Given the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root
      """
    And the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When an effect of the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-1 is a failure saying "hercules-ci-agent is not in trusted-users"
    And the verdict that the agent's build printed what other Nix versions print is a failure saying "dispatched to aarch64-linux-0":
      | Nix  | warning                                                                                                            |
      | 2.8  | none                                                                                                               |
      | 2.26 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |
      | 2.34 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |

  @version-differs
  Scenario: an effect that names its own builders is not obeyed
    The agent is trusted and its dotfile names aarch64-linux-1; the effect's nix-build
    names aarch64-linux-0 with --builders. The proxy serves the effect as an untrusted
    client, so it drops the effect's builders and asks for the agent's. Nix 2.8 drops
    them silently; from 2.22 the warning says why: the effect is not a trusted user.
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When an effect of the agent builds a probe for aarch64-linux with its own builders "ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -"
    Then the agent's build went to aarch64-linux-1
    And the agent's build printed, by the agent host's Nix version:
      | Nix  | warning                                                                                                            |
      | 2.8  | none                                                                                                               |
      | 2.26 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |
      | 2.34 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |

  @selfcheck
  Scenario: self-check: the effect's own builder is not where its build went
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When an effect of the agent builds a probe for aarch64-linux with its own builders "ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -"
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "the effect's own builders were dropped"
    And the verdict that the agent's build printed what other Nix versions print is a failure saying "dispatched to aarch64-linux-1":
      | Nix  | warning                                                                                                            |
      | 2.8  | none                                                                                                               |
      | 2.26 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |
      | 2.34 | ignoring the client-specified setting 'builders', because it is a restricted setting and you are not a trusted user |

  Scenario: builders in nixSettings reach effects, and the guide's check cannot see them
    The agent's dotfile names aarch64-linux-1, as the guide's example leaves it, and the
    agent configuration's nixSettings name aarch64-linux-0. The guide's check reads the
    dotfile and passes; the effect's proxy applies nixSettings over the dotfile, and the
    effect goes to aarch64-linux-0.
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent's nixSettings say:
      """
      builders = ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1
    When an effect of the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-0
    And the agent's build printed no warning

  @selfcheck
  Scenario: self-check: the guide's check does not vouch for the effect
    Given the agent's own nix.conf says:
      """
      builders = ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent's nixSettings say:
      """
      builders = ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    And an effect of the agent builds a probe for aarch64-linux
    Then the verdict that every build of the agent went to aarch64-linux-1 is a failure saying "but it was dispatched to aarch64-linux-0"

  Scenario: an effect's empty builders switch its remote builds off
    The one builders value an untrusted client may set is the empty one: the effect's
    foreign build then has no builder, whatever the agent's configuration says.
    When an effect of the agent builds a probe for aarch64-linux with its own builders ""
    Then the agent's build failed because no builder can build it

  @selfcheck
  Scenario: self-check: the effect with empty builders went to no builder of the system
    When an effect of the agent builds a probe for aarch64-linux with its own builders ""
    Then the verdict that the agent's build went to a builder of the system machines file is a failure saying "no builder can build this system"

  Scenario: max-jobs = 0 does not stop an effect from building locally
    The system's max-jobs = 0 makes the guide's check refuse a native build that no
    builder can take. An effect's nix-build sends its own max-jobs (1 unless it says
    otherwise), which the daemon applies for any client, trusted or not; a max-jobs = 0
    in nixSettings reaches the proxy, not the effect's client. So the effect builds on
    the agent host itself.
    Given the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      max-jobs = 0
      """
    And the agent's nixSettings say:
      """
      max-jobs = 0
      """
    When the agent builds a probe for x86_64-linux
    Then the agent's build failed because no builder can build it
    When an effect of the agent builds a probe for x86_64-linux
    Then the agent's build ran on the agent host itself

  @selfcheck
  Scenario: self-check: the effect under max-jobs = 0 is not refused
    Given the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      max-jobs = 0
      """
    And the agent's nixSettings say:
      """
      max-jobs = 0
      """
    When an effect of the agent builds a probe for x86_64-linux
    Then the verdict that the agent's build failed because no builder can build it is a failure saying "built locally on its client"
