package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostStateTest {
  private final HostState pristine = new HostState(Set.of("content etc/nix/nix.conf aaa", "process root sshd x1"), List.of());

  @Test
  void theSameStateIsClean() {
    assertThat(new HostState(pristine.lines(), List.of()).differencesFrom(pristine)).isEmpty();
  }

  @Test
  void aChangedFileShowsBothItsContents() {
    HostState now = new HostState(Set.of("content etc/nix/nix.conf bbb", "process root sshd x1"), List.of());
    assertThat(now.differencesFrom(pristine))
        .containsExactly("- content etc/nix/nix.conf aaa", "+ content etc/nix/nix.conf bbb");
  }

  @Test
  void anExtraProcessAndAnOutsideWriteAreNamed() {
    HostState now = new HostState(Set.of("content etc/nix/nix.conf aaa", "process root sshd x1",
        "process root sleep x1", "outside /usr/local/bin/x"), List.of());
    assertThat(now.differencesFrom(pristine)).containsExactly("+ outside /usr/local/bin/x", "+ process root sleep x1");
  }

  @Test
  void aContainerThatCannotBeLookedIntoIsNeverClean() {
    assertThat(new HostState(Set.of(), List.of("the container is paused")).differencesFrom(pristine))
        .containsExactly("the container is paused");
  }
}
