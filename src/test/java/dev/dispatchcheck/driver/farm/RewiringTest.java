package dev.dispatchcheck.driver.farm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.driver.host.HostState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A kept host's state, recorded again after its farm's failed hosts were replaced, may
 * differ from the one before only in root's SSH files and sshd's log: anything else must
 * reach the caller, which then removes the farm.
 */
class RewiringTest {
  private static HostState state(String... lines) {
    return new HostState(Set.of(lines), List.of());
  }

  private final HostState before = state("content root/.ssh/authorized_keys aaa", "content root/.ssh/known_hosts bbb",
      "content var/log/sshd.log ccc", "content etc/nix/nix.conf ddd", "entry f 600 root:root root/.ssh/authorized_keys ",
      "process root sshd x1");

  @Test
  void newKeysAndALongerSshdLogAreTheRewiring() {
    HostState now = state("content root/.ssh/authorized_keys AAA", "content root/.ssh/known_hosts BBB",
        "content var/log/sshd.log CCC", "content etc/nix/nix.conf ddd", "entry f 600 root:root root/.ssh/authorized_keys ",
        "process root sshd x1");
    assertThat(WarmHosts.beyondRewiring(before, now)).isEmpty();
  }

  @Test
  void aChangedFileElsewhereIsBeyondIt() {
    HostState now = state("content root/.ssh/authorized_keys AAA", "content root/.ssh/known_hosts bbb",
        "content var/log/sshd.log ccc", "content etc/nix/nix.conf EEE", "entry f 600 root:root root/.ssh/authorized_keys ",
        "process root sshd x1");
    assertThat(WarmHosts.beyondRewiring(before, now))
        .containsExactlyInAnyOrder("- content etc/nix/nix.conf ddd", "+ content etc/nix/nix.conf EEE");
  }

  @Test
  void aNewSshFileAModeAndAProcessAreBeyondIt() {
    HostState now = state("content root/.ssh/authorized_keys aaa", "content root/.ssh/known_hosts bbb",
        "content var/log/sshd.log ccc", "content etc/nix/nix.conf ddd", "entry f 644 root:root root/.ssh/authorized_keys ",
        "content root/.ssh/authorized_keys2 fff", "process root sshd x2");
    assertThat(WarmHosts.beyondRewiring(before, now)).containsExactlyInAnyOrder(
        "+ content root/.ssh/authorized_keys2 fff",
        "- entry f 600 root:root root/.ssh/authorized_keys ", "+ entry f 644 root:root root/.ssh/authorized_keys ",
        "- process root sshd x1", "+ process root sshd x2");
  }

  @Test
  void aContainerThatCannotBeLookedIntoIsBeyondIt() {
    assertThat(WarmHosts.beyondRewiring(before, new HostState(Set.of(), List.of("the container is paused"))))
        .containsExactly("the container is paused");
  }
}
