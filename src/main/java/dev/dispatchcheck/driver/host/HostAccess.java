package dev.dispatchcheck.driver.host;

import java.util.List;

/**
 * How the harness reaches a host: runs commands on it as root, streams a command's output,
 * and, for a container, its life. A container of the host image ({@link HostContainer}),
 * or a live host over SSH ({@link SshAccess}), which has no life of the harness's to change.
 */
interface HostAccess {
  /** Runs {@code command} as root and waits for it to end. */
  CommandResult exec(List<String> command);

  /** Starts {@code command} as root, its output streamed while it runs. */
  ExecStream stream(List<String> command);

  /** Makes ready what {@link #stream} needs, ahead of its first use; by default, nothing. */
  default void prepareStreams() {}

  boolean isRunning();

  /** A host the harness may only read and build probes on: {@link NixHost} refuses every write. */
  default boolean readOnly() {
    return false;
  }

  default boolean frozen() {
    return false;
  }

  /** What is wrong with the host as its keeper sees it (for a container, Docker). */
  default List<String> problems() {
    return List.of();
  }

  /** A host whose life is not the harness's (a live one) refuses to be started, stopped, frozen or revived. */
  default void start() {
    throw notOurs("start");
  }

  default void stop() {
    throw notOurs("stop");
  }

  default void freeze() {
    throw notOurs("freeze");
  }

  default void revive() {
    throw notOurs("revive");
  }

  /** Takes the host off its network at once (a dropped link: no FIN, no reset). */
  default void dropOffNetwork() {
    throw notOurs("take off its network");
  }

  /** Whether a scenario took the host off its network. */
  default boolean offline() {
    return false;
  }

  private IllegalStateException notOurs(String what) {
    return new IllegalStateException("refused: a live host is not the harness's to " + what);
  }

  void close();
}
