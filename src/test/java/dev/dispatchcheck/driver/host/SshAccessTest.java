package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.run.LiveTarget;
import dev.dispatchcheck.run.NixVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a live host is reached, and that nothing is written on it. */
class SshAccessTest {
  private static final Path KNOWN = Path.of("/tmp/known");

  private static SshAccess access(String uri, Optional<Path> identity) {
    return new SshAccess(LiveTarget.parse(uri, identity, KNOWN));
  }

  @Test
  void theHostKeyMustBeKnownAndOnlyTheAgentsKeysOrTheNamedFileAreUsed() {
    SshAccess agentOnly = access("ssh://ops@agent:2222", Optional.empty());
    try {
      List<String> argv = agentOnly.sshArgv();
      assertThat(argv).containsSubsequence("-F", "none").contains("BatchMode=yes", "StrictHostKeyChecking=yes",
          "UserKnownHostsFile=/tmp/known", "GlobalKnownHostsFile=/dev/null", "UpdateHostKeys=no", "ForwardAgent=no",
          "IdentitiesOnly=no", "IdentityFile=/dev/null").containsSubsequence("-p", "2222", "-l", "ops", "--", "agent");
      assertThat(argv.get(argv.size() - 1)).isEqualTo("agent");
    } finally {
      agentOnly.close();
    }
    SshAccess named = access("ssh://agent", Optional.of(Path.of("/keys/id")));
    try {
      assertThat(named.sshArgv()).contains("IdentitiesOnly=yes", "IdentityFile=/keys/id").doesNotContain("-l", "-p",
          "IdentityFile=/dev/null");
    } finally {
      named.close();
    }
  }

  @Test
  void commandsRunAsRootThroughSudoWithoutAPasswordPromptEachWordQuoted() {
    SshAccess a = access("ssh://ops@agent", Optional.empty());
    try {
      assertThat(a.remoteCommand(List.of("sh", "-c", "echo $HOME; rm x"))).isEqualTo("sudo -n -- sh -c 'echo $HOME; rm x'");
      a.loginIsRoot(true);
      assertThat(a.remoteCommand(List.of("nix-store", "--query", "a'b"))).isEqualTo("nix-store --query 'a'\\''b'");
    } finally {
      a.close();
    }
  }

  /** A host the harness reaches over SSH refuses every write; a container's host does them. */
  @Test
  void aLiveHostRefusesWritesAndAllowsReads() {
    Recording live = new Recording(true);
    NixHost host = new NixHost("agent", new NixVersion("2.26", "live"), live);
    assertThat(host.isLive()).isTrue();
    assertThatThrownBy(() -> host.writeFile("/etc/nix/nix.conf", "x", "root")).hasMessageContaining("refused on the live host");
    assertThatThrownBy(() -> host.applyFile("/etc/nix/machines", "x")).hasMessageContaining("refused on the live host");
    assertThatThrownBy(host::restartDaemon).hasMessageContaining("refused on the live host");
    assertThatThrownBy(host::reset).hasMessageContaining("refused on the live host");
    assertThat(live.ran).as("nothing reached the host").isEmpty();
    host.readFile("/etc/nix/nix.conf");
    assertThat(live.ran).hasSize(1);

    Recording container = new Recording(false);
    NixHost standIn = new NixHost("agent", new NixVersion("2.26", "trixie"), container);
    assertThat(standIn.isLive()).isFalse();
    standIn.writeFile("/etc/nix/machines", "x", "root");
    assertThat(container.ran).hasSize(1);
  }

  /**
   * What was read of a host stays true while no command that may change it has run: reads
   * and queries leave the count as it is; any other command, and every write, moves it.
   */
  @Test
  void onlyCommandsThatMayChangeTheHostCountAsChanges() {
    NixHost host = new NixHost("agent", new NixVersion("2.26", "trixie"), new Recording(false));
    long before = host.changes();
    host.readFile("/etc/nix/nix.conf");
    host.query(List.of("nix-store", "--query", "--deriver", "/nix/store/x"));
    host.queryOrFail("root", "hostname -I");
    assertThat(host.changes()).as("reads change nothing").isEqualTo(before);
    host.shellOrFail("root", "hostname -I");
    assertThat(host.changes()).as("a command may change anything").isEqualTo(before + 1);
    host.writeFile("/etc/nix/machines", "x", "root");
    assertThat(host.changes()).as("a write").isGreaterThan(before + 1);
  }

  private static final class Recording implements HostAccess {
    final List<List<String>> ran = new ArrayList<>();
    private final boolean readOnly;

    Recording(boolean readOnly) {
      this.readOnly = readOnly;
    }

    @Override
    public CommandResult exec(List<String> command) {
      ran.add(command);
      return new CommandResult(0, "", "");
    }

    @Override
    public ExecStream stream(List<String> command) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isRunning() {
      return true;
    }

    @Override
    public boolean readOnly() {
      return readOnly;
    }

    @Override
    public void close() {}
  }
}
