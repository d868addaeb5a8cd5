@nix-pitfalls
Feature: Known pitfalls of current Nix: root's ssh_config beside the machines file
  Not a section of the guide. The daemon's build hook runs ssh as root, whoever asked for
  the build, so root's ~/.ssh/config applies to every remote build along with what the
  machines line says. Nothing else reads it here: the harness reaches its hosts through
  the container engine, not over SSH, and gives root only a key and known hosts. Each
  scenario records what real Nix does on the versions run here; the hosts' reset between
  scenarios ends any ssh master a scenario left running.

  Background: one aarch64-linux builder
    Given remote builders that claim foreign systems:
      | builder         | systems       |
      | aarch64-linux-0 | aarch64-linux |
    And the agent host's system nix.conf says:
      """
      builders = @/etc/nix/machines
      trusted-users = root hercules-ci-agent
      """

  Rule: ControlMaster auto with ControlPersist in root's ssh_config (NixOS/nix#14132)

    From 2.16 Nix gives ssh `-oLocalCommand=echo started` and reads that line before it
    speaks its protocol, unless `ssh -O check` finds a master up: a command that goes
    through a master prints nothing. Nix 2.8 neither asks nor waits. With
    `ControlMaster auto`, a build with no master up makes the daemon's own ssh the master,
    which ControlPersist keeps after the build; a build with a master up goes through it.
    Both work on every version run here. (Nix checks only once its ssh has started: with
    no master up, the check must end before that ssh has logged in and made itself the
    master, which it always did here.) The report's "protocol mismatch, got 'started'"
    comes when a master is up but cannot carry Nix's session (the builder's sshd allows
    MaxSessions sessions on one connection, 10 by default), so ssh connects on its own and
    prints "started" where Nix reads its protocol.

    Background: an ssh-ng builder, and root's ssh shares one connection a host
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh-ng://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      And the file "/root/.ssh/config" on the agent host says:
        """
        Host *
          ControlMaster auto
          ControlPersist 60
          ControlPath /root/.ssh/master-%r@%h:%p
        """

    Scenario: with no master up, and with one up, the ssh-ng build goes through
      The first build leaves the daemon's ssh as root's master; root closes it, then
      starts its own, as the report's steps do.
      When the agent builds a probe for aarch64-linux
      Then the agent's build went to aarch64-linux-0
      When root runs on the agent host:
        """
        ssh -O exit aarch64-linux-0
        ssh -n aarch64-linux-0 true
        ssh -O check aarch64-linux-0
        """
      And the agent builds a probe for aarch64-linux
      Then the agent's build went to aarch64-linux-0

    @selfcheck
    Scenario: self-check: a shared connection that works is not taken for a broken protocol
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build failed because ssh's connection sharing broke the protocol is a failure saying "but it was dispatched to aarch64-linux-0"
      When root runs on the agent host:
        """
        ssh -O exit aarch64-linux-0
        ssh -n aarch64-linux-0 true
        ssh -O check aarch64-linux-0
        """
      And the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build failed because ssh's connection sharing broke the protocol is a failure saying "but it was dispatched to aarch64-linux-0"

    @version-differs
    Scenario: a master up that cannot carry the build's session: from 2.16, "protocol mismatch, got 'started'"
      The builder allows one session a connection, and root's master already carries one.
      ssh falls back to a connection of its own, which Nix 2.8 uses like any other; newer
      Nix has been told a master is up, so it takes the "started" line for its protocol. It
      is the client's doing: a 2.34 agent host fails the same with a 2.8 builder.
      Given root runs on aarch64-linux-0:
        """
        echo 'MaxSessions 1' >> /etc/ssh/sshd_config.d/dispatchcheck.conf
        pid=$(cat /run/sshd.pid); rm /run/sshd.pid; kill -HUP "$pid"
        for i in $(seq 250); do [ -s /run/sshd.pid ] && break; sleep 0.02; done
        """
      And root runs on the agent host:
        """
        ssh -f -n aarch64-linux-0 sleep 60 >/dev/null 2>&1
        ssh -O check aarch64-linux-0
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build, by the agent host's Nix version:
        | Nix  | outcome                                                     |
        | 2.8  | went to aarch64-linux-0                                     |
        | 2.26 | failed because ssh's connection sharing broke the protocol |
        | 2.34 | failed because ssh's connection sharing broke the protocol |

    @selfcheck
    Scenario: self-check: the master that cannot carry the session ends as this version decides, not otherwise
      Given root runs on aarch64-linux-0:
        """
        echo 'MaxSessions 1' >> /etc/ssh/sshd_config.d/dispatchcheck.conf
        pid=$(cat /run/sshd.pid); rm /run/sshd.pid; kill -HUP "$pid"
        for i in $(seq 250); do [ -s /run/sshd.pid ] && break; sleep 0.02; done
        """
      And root runs on the agent host:
        """
        ssh -f -n aarch64-linux-0 sleep 60 >/dev/null 2>&1
        ssh -O check aarch64-linux-0
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build ended as on other Nix versions is a failure, by the agent host's Nix version:
        | Nix  | outcome                                                     | saying                                   |
        | 2.8  | went to aarch64-linux-0                                     | dispatched to aarch64-linux-0, succeeded |
        | 2.26 | failed because ssh's connection sharing broke the protocol | protocol mismatch, got 'started          |
        | 2.34 | failed because ssh's connection sharing broke the protocol | protocol mismatch, got 'started          |

  Rule: the machines line's user and key against root's ssh_config for the same host (NixOS/nix#3423)

    Nix puts the machines line's user on ssh's command line (`user@host`) and its key
    column as `-i KEY`, over ssh:// and ssh-ng:// alike; ssh_config fills in what the
    command line leaves open. So a user in the line wins over `User`, and `User` applies
    to a line without one. A key does not replace `IdentityFile`: ssh offers both, and
    root's default keys no more. The same on every version run here. The scenarios use
    ssh://, whose error carries ssh's own reason; over ssh-ng, Nix 2.26 and 2.34 say only
    "failed to start SSH connection".

    Scenario: the machines line's user wins over User in root's ssh_config
      Given the file "/root/.ssh/config" on the agent host says:
        """
        Host aarch64-linux-0
          User ghost
        """
      And the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://root@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build went to aarch64-linux-0
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux
      Then the agent's build failed because the builder refused the SSH key

    @selfcheck
    Scenario: self-check: the user that logs in is the one the verdicts say
      Given the file "/root/.ssh/config" on the agent host says:
        """
        Host aarch64-linux-0
          User ghost
        """
      And the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://root@aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build failed because the builder refused the SSH key is a failure saying "but it was dispatched to aarch64-linux-0"
      Given the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -
        """
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "ghost@aarch64-linux-0: Permission denied"

    Scenario: the machines line's key and IdentityFile are both offered
      The builder accepts one key at a time: first the machines line's, then only the one
      root's ssh_config names.
      Given root runs on the agent host:
        """
        ssh-keygen -q -t ed25519 -N '' -C machines-line -f /root/.ssh/machines_key
        ssh-keygen -q -t ed25519 -N '' -C ssh-config -f /root/.ssh/config_key
        """
      And the file "/root/.ssh/config" on the agent host says:
        """
        Host aarch64-linux-0
          IdentityFile /root/.ssh/config_key
        """
      And the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://aarch64-linux-0 aarch64-linux /root/.ssh/machines_key 1 1 - - -
        """
      And root copies "/root/.ssh/machines_key.pub" from the agent host to "/root/.ssh/authorized_keys" on aarch64-linux-0
      When the agent builds a probe for aarch64-linux
      Then the agent's build went to aarch64-linux-0
      Given root copies "/root/.ssh/config_key.pub" from the agent host to "/root/.ssh/authorized_keys" on aarch64-linux-0
      When the agent builds a probe for aarch64-linux
      Then the agent's build went to aarch64-linux-0

    @selfcheck
    Scenario: self-check: whichever named key the builder accepts, the build is not called refused; root's default key is not offered
      Given root runs on the agent host:
        """
        ssh-keygen -q -t ed25519 -N '' -C machines-line -f /root/.ssh/machines_key
        ssh-keygen -q -t ed25519 -N '' -C ssh-config -f /root/.ssh/config_key
        """
      And the file "/root/.ssh/config" on the agent host says:
        """
        Host aarch64-linux-0
          IdentityFile /root/.ssh/config_key
        """
      And the agent host's system machines file (/etc/nix/machines) says:
        """
        ssh://aarch64-linux-0 aarch64-linux /root/.ssh/machines_key 1 1 - - -
        """
      And root copies "/root/.ssh/machines_key.pub" from the agent host to "/root/.ssh/authorized_keys" on aarch64-linux-0
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build failed because the builder refused the SSH key is a failure saying "but it was dispatched to aarch64-linux-0"
      Given root copies "/root/.ssh/config_key.pub" from the agent host to "/root/.ssh/authorized_keys" on aarch64-linux-0
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build failed because the builder refused the SSH key is a failure saying "but it was dispatched to aarch64-linux-0"
      Given root copies "/root/.ssh/id_ed25519.pub" from the agent host to "/root/.ssh/authorized_keys" on aarch64-linux-0
      When the agent builds a probe for aarch64-linux
      Then the verdict that the agent's build went to aarch64-linux-0 is a failure saying "Likely cause: the builder refused the SSH key"
