@nix-pitfalls
Feature: Known pitfalls of current Nix with remote builders
  Not a section of the guide, but what operators of remote builders have reported against
  Nix: each scenario shows what the Nix versions here really do (Debian's nix-bin 2.8.0,
  2.26.3 and 2.34.8), which is not always what the report says.

  Background: one aarch64-linux builder, with a login user nix besides root
    Given remote builders that claim foreign systems:
      | builder             | systems       |
      | nix@aarch64-linux-0 | aarch64-linux |
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      """

  Rule: a client cut off mid-build leaves its remote side on the builder (NixOS/nix#16437)

    The report (Nix 2.34.8 on both sides, over ssh://): a laptop lost its link mid-build,
    `nix-store --serve --write` stayed on the builder, deadlocked, and every later build of
    the derivation hung until that process was killed there by hand. Here the agent host
    drops off the network (nothing reaches the builder: no FIN, no reset) while its build
    runs on aarch64-linux-0, and the client host then builds the same derivation there.

    What every version and pair here does: the builder keeps the remote side of the link,
    `nix-store --serve --write` over ssh:// and `nix-daemon --stdio` over ssh-ng:// alike
    (the report found ssh-ng fine, and ssh-ng was said to be fixed in 2.33; 2.34.8 is not,
    for a link that drops). A build that prints little then finishes there, and the next
    build of it goes through. A build that prints more log than the pipes and buffers to
    the lost client hold (a few MiB) blocks writing it, holding the derivation's lock, and
    the next build of the derivation waits without end: over ssh-ng it says "waiting for
    lock on …", over ssh:// nothing at all. A client interrupted cleanly (Ctrl-C, which
    closes the link) leaves nothing on the builder, on every version.

    Scenario Outline: a client cut off mid-build leaves <remote> blocked on the builder, and the next build of the derivation waits (<protocol>)
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And a client host besides the agent host, with the agent host's Nix
      And the file "/etc/nix/nix.conf" on the client host says:
        """
        builders = @/etc/nix/machines
        """
      And root copies "/etc/nix/machines" from the agent host to "/etc/nix/machines" on the client host
      When the agent starts a probe for aarch64-linux that prints 32 MiB of log on its first run, without waiting for it
      And the agent's build has started on aarch64-linux-0
      And the agent host drops off the network
      And the ordinary user on the client host starts the agent's last probe, without waiting for it
      Then the ordinary user's build is still running after 8 seconds
      And a process "<remote>" is still running on aarch64-linux-0 after 2 seconds

      Examples:
        | protocol | remote                    |
        | ssh      | nix-store --serve --write |
        | ssh-ng   | nix-daemon --stdio        |

    @selfcheck
    Scenario Outline: self-check: a build that prints little finishes on the builder though its client is cut off, and the next build goes through (<protocol>)
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And a client host besides the agent host, with the agent host's Nix
      And the file "/etc/nix/nix.conf" on the client host says:
        """
        builders = @/etc/nix/machines
        """
      And root copies "/etc/nix/machines" from the agent host to "/etc/nix/machines" on the client host
      When the agent starts a probe for aarch64-linux that prints 0 MiB of log on its first run, without waiting for it
      And the agent's build has started on aarch64-linux-0
      And the agent host drops off the network
      And the ordinary user on the client host starts the agent's last probe, without waiting for it
      Then the verdict that the ordinary user's build is still running after 8 seconds is a failure saying "dispatched to aarch64-linux-0, succeeded"

      Examples:
        | protocol |
        | ssh      |
        | ssh-ng   |

    @selfcheck
    Scenario Outline: self-check: a client interrupted cleanly leaves no <remote> on the builder (<protocol>)
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent starts a probe for aarch64-linux that prints 32 MiB of log on its first run, without waiting for it
      And the agent's build has started on aarch64-linux-0
      And the agent's build is interrupted
      Then the verdict that a process "<remote>" is still running on aarch64-linux-0 after 2 seconds is a failure saying "not running after"

      Examples:
        | protocol | remote                    |
        | ssh      | nix-store --serve --write |
        | ssh-ng   | nix-daemon --stdio        |

  Rule: a derivation that never creates its declared output (NixOS/nix#13465)

    The report (over ssh://): the last error line reads "Reason: builder failed with exit
    code 1", though the builder exited 0; the real reason is in a line above it. What the
    versions here print, over ssh:// and ssh-ng:// alike: first the builder's own account,
    "builder for '…' failed to produce output path for output 'out'", then the client's
    account of its build hook, which exited 1 to say the remote build failed: "builder for
    '…drv' failed with exit code 1" up to 2.26, and from 2.34 "Cannot build '…'." with
    "Reason: builder failed with exit code 1.". The client's Nix words that last line, so a
    2.34 agent host says it of a 2.8 builder too. The diagnosis names the first line.

    @version-differs
    Scenario Outline: a derivation that never creates its output, built over <protocol>
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux that never creates its output
      Then the agent's build failed because the derivation did not create its output
      And the agent's build, by the agent host's Nix version:
        | Nix  | outcome                                                 |
        | 2.8  | failed saying ".drv' failed with exit code 1"           |
        | 2.26 | failed saying ".drv' failed with exit code 1"           |
        | 2.34 | failed saying "Reason: builder failed with exit code 1" |

      Examples:
        | protocol |
        | ssh      |
        | ssh-ng   |

    @selfcheck
    Scenario Outline: self-check: the missing output is named as the cause, and told as this version tells it (<protocol>)
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        <protocol>://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux that never creates its output
      Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "Likely cause: the derivation's builder ended without creating a declared output"
      And the verdict that the agent's build ended as on other Nix versions is a failure, by the agent host's Nix version:
        | Nix  | outcome                                                 | saying                                  |
        | 2.8  | failed saying ".drv' failed with exit code 1"           | failed with exit code 1                 |
        | 2.26 | failed saying ".drv' failed with exit code 1"           | failed with exit code 1                 |
        | 2.34 | failed saying "Reason: builder failed with exit code 1" | Reason: builder failed with exit code 1 |

      Examples:
        | protocol |
        | ssh      |
        | ssh-ng   |

  Rule: a builder account whose login shell is nologin

    sshd runs the remote command through the SSH user's login shell. nologin prints "This
    account is currently not available." and exits, and Nix reads that line where it
    expects its protocol. Every version here says so, each protocol in its own words:
    "'nix-store --serve' protocol mismatch from 'nix@aarch64-linux-0', got 'This account
    is currently not available.'" over ssh:// (2.34 names the host without the user), and
    "cannot open connection to remote store 'ssh-ng://nix@aarch64-linux-0': error: protocol
    mismatch, got 'This account is currently not available.'" over ssh-ng:// (2.26 leaves
    the store's name at 'ssh-ng://'). Nix then goes on to say that no builder can build the
    derivation; the diagnosis names the login shell. Over ssh-ng, Nix 2.26 now and then
    writes its greeting only once the remote end has gone, and says no more than "writing
    to file: Broken pipe" (seen under load, in some runs of this scenario): the client's log
    then cannot tell, and the diagnosis reads the SSH user's login shell from the builder's
    passwd.

    Scenario Outline: the builder's SSH user has nologin for its login shell (<protocol>)
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        <protocol>://nix@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        usermod --shell /usr/sbin/nologin nix
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build failed because the builder's login shell runs no commands

      Examples:
        | protocol |
        | ssh      |
        | ssh-ng   |

    @selfcheck
    Scenario Outline: self-check: the diagnosis names the login shell of the builder's SSH user (<protocol>)
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        <protocol>://nix@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And root runs on aarch64-linux-0:
        """
        usermod --shell /usr/sbin/nologin nix
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "Likely cause: the SSH user's login shell on the builder runs no commands"

      Examples:
        | protocol |
        | ssh      |
        | ssh-ng   |
