@ssh-ng
Feature: Builders reached over ssh-ng
  Not a section of the guide. A machines line may name its builder as ssh:// or as
  ssh-ng://. With ssh://, Nix runs `nix-store --serve` on the builder and speaks the old
  serve protocol to it. With ssh-ng://, Nix runs `nix-daemon --stdio` on the builder and
  speaks the daemon protocol: the client talks to the builder's store as the SSH user,
  through the builder's own daemon. Choosing dispatch is the same for both; two things
  on the builder's side are not:

  - The builder's daemon judges the SSH user. A login user that the daemon does not
    trust (Nix's default trusted-users is root alone) may not build there what the
    client sends it.
  - `nix-daemon`, not `nix-store`, must be on the PATH of a non-interactive SSH session
    on the builder; the URI's `remote-program` parameter names it where it is not.

  What the untrusted user meets is read from Nix's source, not yet observed: Nix 2.8
  refuses with "you are not privileged to build input-addressed derivations"; from 2.16
  on, the client copies the closure instead, which the builder may refuse for lacking "a
  signature by a trusted key". Those scenarios record what real Nix does; their
  expectations are to be adjusted per version once they have run.

  Rule: over ssh-ng, the builder's daemon must trust the SSH user

    Background: one aarch64-linux builder with an untrusted login user nix
      Given remote builders that claim foreign systems:
        | builder             | systems       |
        | nix@aarch64-linux-0 | aarch64-linux |
      And the agent host's system nix.conf says:
        """
        builders = @/etc/nix/machines
        trusted-users = root hercules-ci-agent
        """

    @version-differs
    Scenario: an ssh-ng builder and an SSH user its daemon does not trust
      The agent is trusted on the agent host; on the builder, nix is not. A Nix 2.8
      builder refuses to build an input-addressed derivation for an untrusted user. From
      Nix 2.16 the client copies the closure and builds it as paths instead, so the same
      line works, as long as the copied paths are accepted. Both the client's and the
      builder's versions matter, so the table is by pair: a 2.34 agent host with a 2.8
      builder is refused as a 2.8 pair is, by the old builder's daemon.
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://nix@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build, by the pair's Nix version:
        | Nix       | outcome                                                 |
        | 2.8/2.8   | failed because the builder does not trust the SSH user |
        | 2.26/2.26 | went to aarch64-linux-0                                 |
        | 2.34/2.34 | went to aarch64-linux-0                                 |
        | 2.34/2.8  | failed because the builder does not trust the SSH user |

    @selfcheck
    Scenario: self-check: an untrusted SSH user's ssh-ng build ends as the pair's Nix decides, not otherwise
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://nix@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build ended as on other Nix versions is a failure, by the pair's Nix version:
        | Nix       | outcome                                                 | saying                                              |
        | 2.8/2.8   | failed because the builder does not trust the SSH user | not privileged to build input-addressed derivations |
        | 2.26/2.26 | went to aarch64-linux-0                                 | dispatched to aarch64-linux-0, succeeded            |
        | 2.34/2.34 | went to aarch64-linux-0                                 | dispatched to aarch64-linux-0, succeeded            |
        | 2.34/2.8  | failed because the builder does not trust the SSH user | not privileged to build input-addressed derivations |

    Scenario: once the builder's daemon trusts the SSH user, the ssh-ng build goes through
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://nix@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        echo 'trusted-users = root nix' >> /etc/nix/nix.conf
        nix-daemon-restart
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build went to aarch64-linux-0

    @selfcheck
    Scenario: self-check: with the SSH user trusted, "the builder does not trust the SSH user" fails
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://nix@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        echo 'trusted-users = root nix' >> /etc/nix/nix.conf
        nix-daemon-restart
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build failed because the builder does not trust the SSH user is a failure saying "but it was dispatched to aarch64-linux-0"

    Scenario: the same untrusted SSH user over legacy ssh:// is refused
      `nix-store --serve` reaches the store through the builder's daemon as nix, and
      the legacy protocol always asks it to build the derivation itself, which the
      daemon refuses to an untrusted user on every version run here.
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://nix@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build failed because the builder does not trust the SSH user

    @selfcheck
    Scenario: self-check: the untrusted SSH user over legacy ssh:// is not taken for a dispatch
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://nix@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "not privileged to build input-addressed derivations"

  Rule: over ssh-ng, nix-daemon must be on the builder's non-interactive PATH

    Each scenario takes nix-daemon off the builder's PATH. Debian's /usr/bin/nix-daemon
    is a relative link to nix, so it is copied through the link rather than moved; the
    copy still starts as nix-daemon, by its name. The builder's own daemon is not
    affected: it starts, at its first client, from the program found when it was
    restarted, as one already running would keep running.

    Background: one aarch64-linux builder
      Given remote builders that claim foreign systems:
        | builder         | systems       |
        | aarch64-linux-0 | aarch64-linux |
      And the agent host's system nix.conf says:
        """
        builders = @/etc/nix/machines
        trusted-users = root hercules-ci-agent
        """

    Scenario: an ssh-ng builder without nix-daemon on its PATH is unusable
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        mkdir -p /usr/local/libexec
        cp -L /usr/bin/nix-daemon /usr/local/libexec/nix-daemon
        rm /usr/bin/nix-daemon
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build failed because nix-daemon is missing on the builder

    @selfcheck
    Scenario: self-check: a builder without nix-daemon on its PATH is named as the cause
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        mkdir -p /usr/local/libexec
        cp -L /usr/bin/nix-daemon /usr/local/libexec/nix-daemon
        rm /usr/bin/nix-daemon
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "Likely cause: nix-daemon is not on the builder's non-interactive PATH"

    Scenario: remote-program names where nix-daemon is on the builder
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://aarch64-linux-0?remote-program=/usr/local/libexec/nix-daemon aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        mkdir -p /usr/local/libexec
        cp -L /usr/bin/nix-daemon /usr/local/libexec/nix-daemon
        rm /usr/bin/nix-daemon
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build went to aarch64-linux-0

    @selfcheck
    Scenario: self-check: with remote-program set, "nix-daemon is missing" fails
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://aarch64-linux-0?remote-program=/usr/local/libexec/nix-daemon aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        mkdir -p /usr/local/libexec
        cp -L /usr/bin/nix-daemon /usr/local/libexec/nix-daemon
        rm /usr/bin/nix-daemon
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build failed because nix-daemon is missing on the builder is a failure saying "but it was dispatched to aarch64-linux-0"

    Scenario: legacy ssh:// does not need nix-daemon on the builder's PATH
      It runs nix-store --serve, which is still there.
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        mkdir -p /usr/local/libexec
        cp -L /usr/bin/nix-daemon /usr/local/libexec/nix-daemon
        rm /usr/bin/nix-daemon
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build went to aarch64-linux-0

    @selfcheck
    Scenario: self-check: over legacy ssh://, "nix-daemon is missing" fails
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        mkdir -p /usr/local/libexec
        cp -L /usr/bin/nix-daemon /usr/local/libexec/nix-daemon
        rm /usr/bin/nix-daemon
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build failed because nix-daemon is missing on the builder is a failure saying "but it was dispatched to aarch64-linux-0"
