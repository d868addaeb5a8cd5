@nix-versions @version-differs
Feature: What differs between Nix versions
  Not a section of the guide, but what an operator meets when the agent host's Nix is
  upgraded: the same machines file or the same missing builder, read by different Nix
  versions. Each scenario states every version's behaviour in a table and checks the row
  of the version it runs on; its self-check applies the other rows and requires each to
  fail, saying what this version really did.

  Background: one aarch64-linux builder
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      """

  Scenario: the rejection when no builder can build, in each version's words
    Nix up to 2.29 names the system and features it lacks in one line; from 2.30 it says
    "Cannot build" with a Reason line, which from 2.34 names the reason itself.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-darwin
    Then the agent's build failed because no builder can build it
    And the agent's build, by the agent host's Nix version:
      | Nix  | outcome                                                   |
      | 2.8  | failed saying "with features {} is required to build"    |
      | 2.26 | failed saying "with features {} is required to build"    |
      | 2.34 | failed saying "Reason: platform mismatch"                 |

  @selfcheck
  Scenario: self-check: the rejection is not taken for another version's words
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-darwin
    Then the verdict that the agent's build ended as on other Nix versions is a failure, by the agent host's Nix version:
      | Nix  | outcome                                                | saying                   |
      | 2.8  | failed saying "with features {} is required to build" | is required to build     |
      | 2.26 | failed saying "with features {} is required to build" | is required to build     |
      | 2.34 | failed saying "Reason: platform mismatch"              | Reason: platform mismatch |

  Scenario: a fractional speed factor in a machines line
    Nix read the speed factor as a whole number until 2.20, and as a decimal since.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1.5 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build, by the agent host's Nix version:
      | Nix  | outcome                                 |
      | 2.8  | failed saying "bad machine specification" |
      | 2.26 | went to aarch64-linux-0                 |
      | 2.34 | went to aarch64-linux-0                 |

  @selfcheck
  Scenario: self-check: the fractional speed factor ends as this version decides, not otherwise
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1.5 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build ended as on other Nix versions is a failure, by the agent host's Nix version:
      | Nix  | outcome                                   | saying                                   |
      | 2.8  | failed saying "bad machine specification" | bad machine specification                |
      | 2.26 | went to aarch64-linux-0                   | dispatched to aarch64-linux-0, succeeded |
      | 2.34 | went to aarch64-linux-0                   | dispatched to aarch64-linux-0, succeeded |

  Scenario: a comment on a machines line, followed by ';' and a second entry
    Before 2.29 Nix split a line at ';' before it dropped comments, so a comment ended at
    the next ';' and the entry after it counted. From 2.29 a comment runs to the end of
    the line and swallows that entry.
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 x86_64-freebsd - 1 1 - - - # retired ; ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build, by the agent host's Nix version:
      | Nix  | outcome                                  |
      | 2.8  | went to aarch64-linux-1                  |
      | 2.26 | went to aarch64-linux-1                  |
      | 2.34 | failed because no builder can build it   |

  @selfcheck
  Scenario: self-check: the comment ends where this version says, not otherwise
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 x86_64-freebsd - 1 1 - - - # retired ; ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build ended as on other Nix versions is a failure, by the agent host's Nix version:
      | Nix  | outcome                                | saying                                   |
      | 2.8  | went to aarch64-linux-1                | dispatched to aarch64-linux-1, succeeded |
      | 2.26 | went to aarch64-linux-1                | dispatched to aarch64-linux-1, succeeded |
      | 2.34 | failed because no builder can build it | no builder can build this system         |

  Scenario: a store URI without '//' in a machines line
    Nix takes a machines line's URI without '://' for a host name and puts ssh:// before
    it, so `ssh:aarch64-linux-0` is the host 'ssh' at port 'aarch64-linux-0'. Before 2.31
    ssh is handed the host '//ssh:aarch64-linux-0', which it cannot resolve; from 2.31 the
    line is rejected (NixOS/nix#14000 is the same URI read elsewhere, silently as ssh://).
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh:aarch64-linux-0 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build, by the agent host's Nix version:
      | Nix  | outcome                                                       |
      | 2.8  | failed because no SSH connection to the builder could be made |
      | 2.26 | failed because no SSH connection to the builder could be made |
      | 2.34 | failed because Nix cannot read the machines line              |

  @selfcheck
  Scenario: self-check: a store URI without '//' fails as this version decides, not otherwise
    Given the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh:aarch64-linux-0 aarch64-linux - 1 1 - - -
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build ended as on other Nix versions is a failure, by the agent host's Nix version:
      | Nix  | outcome                                                       | saying                                            |
      | 2.8  | failed because no SSH connection to the builder could be made | Could not resolve hostname //ssh:aarch64-linux-0  |
      | 2.26 | failed because no SSH connection to the builder could be made | Could not resolve hostname //ssh:aarch64-linux-0  |
      | 2.34 | failed because Nix cannot read the machines line              | Cannot parse Nix store 'ssh://ssh:aarch64-linux-0' |
