@nix-machines-file
Feature: How Nix chooses a builder from the machines file
  Not a section of the guide, but what decides which of the agent's builders takes a
  build: the fields of each machines line. A machines line reads:
  URI, systems, SSH key, max jobs, speed factor, supported features, mandatory features,
  host key; "-" keeps a field's default.

  Feature matching is the client's choice, made before any connection, so the feature
  scenarios run with both ssh:// and ssh-ng:// lines.

  Scenario Outline: a build that requires a feature goes only to a builder that supports it (<protocol>)
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 big-parallel - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the agent builds a probe for aarch64-linux requiring big-parallel
    Then the agent's build went to aarch64-linux-1
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-0

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  @selfcheck
  Scenario Outline: self-check: a feature build is not taken for one on the first builder (<protocol>)
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 big-parallel - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the agent builds a probe for aarch64-linux requiring big-parallel
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "but it was dispatched to aarch64-linux-1"

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  Scenario Outline: a builder with a mandatory feature takes only builds that require it (<protocol>)
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 benchmark benchmark -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to aarch64-linux-1
    When the agent builds a probe for aarch64-linux requiring benchmark
    Then the agent's build went to aarch64-linux-0

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  @selfcheck
  Scenario Outline: self-check: a plain build does not go to the builder with a mandatory feature (<protocol>)
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      <protocol>://aarch64-linux-0 aarch64-linux - 1 1 benchmark benchmark -
      <protocol>://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "but it was dispatched to aarch64-linux-1"

    Examples:
      | protocol |
      | ssh      |
      | ssh-ng   |

  Scenario: one builder line claims several systems
    Given remote builders that claim foreign systems:
      | builder         | systems                       |
      | multi-0         | aarch64-linux, aarch64-darwin |
      | aarch64-linux-0 | aarch64-linux                 |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://multi-0 aarch64-linux,aarch64-darwin - 1 1 - - -
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the agent builds a probe for aarch64-darwin
    Then the agent's build went to multi-0
    When the agent builds a probe for aarch64-linux
    Then the agent's build went to multi-0

  @selfcheck
  Scenario: self-check: a build on the multi-system builder is not taken for one elsewhere
    Given remote builders that claim foreign systems:
      | builder         | systems                       |
      | multi-0         | aarch64-linux, aarch64-darwin |
      | aarch64-linux-0 | aarch64-linux                 |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://multi-0 aarch64-linux,aarch64-darwin - 1 1 - - -
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the agent builds a probe for aarch64-linux
    Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "but it was dispatched to multi-0"

  Scenario: the faster builder is preferred when both are free
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
      ssh://aarch64-linux-1 aarch64-linux - 1 2 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the agent builds 2 probes for aarch64-linux, one after another
    Then every build of the agent went to aarch64-linux-1

  @selfcheck
  Scenario: self-check: with equal speed factors the first free builder wins
    The broken configuration: both builders have speed factor 1.
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
      """
    When the agent builds 2 probes for aarch64-linux, one after another
    Then the verdict that every build of the agent went to aarch64-linux-1 is a failure saying "but it was dispatched to aarch64-linux-0"

  Scenario: job slots are a cap, not a preference: the least loaded builder wins
    With max jobs 2 on the first builder, one might expect both concurrent builds to
    stay there. Nix instead sends each build to the builder with the lowest load per
    speed factor, so the second build goes to the idle second builder.
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 2 1 - - -
      ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the ordinary user builds 2 probes for aarch64-linux at the same time
    Then the builds of the ordinary user went to aarch64-linux-0 and aarch64-linux-1, one each

  @selfcheck
  Scenario: self-check: two slots on the first builder do not keep both builds there
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
      | aarch64-linux-1 | aarch64-linux |
    And the agent host's system machines file (/etc/nix/machines) says:
      """
      ssh://aarch64-linux-0 aarch64-linux - 2 1 - - -
      ssh://aarch64-linux-1 aarch64-linux - 1 1 - - -
      """
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      """
    When the ordinary user builds 2 probes for aarch64-linux at the same time
    Then the verdict that every build of the ordinary user went to aarch64-linux-0 is a failure saying "but it was dispatched to aarch64-linux-1"
