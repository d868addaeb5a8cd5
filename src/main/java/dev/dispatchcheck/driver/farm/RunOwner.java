package dev.dispatchcheck.driver.farm;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process that owns a run, as it can be recognised from anywhere: the machine's boot
 * (its kernel's boot id), the PID namespace, the pid, and the process's start time. A pid
 * alone says nothing about a run started in another PID namespace (a CI job in a container
 * sharing the host's Docker socket) or on another machine (a remote engine): there, the
 * same number is another process, or none.
 *
 * @param host the boot id and PID namespace, e.g. {@code 5f0c…:pid:[4026531836]}
 * @param pid the process id within that namespace
 * @param startedMillis when the process started, so that a reused pid is not taken for it
 */
public record RunOwner(String host, long pid, long startedMillis) {
  private static final String SEPARATOR = "/";

  /** This JVM. */
  public static RunOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new RunOwner(hostIdentity(), self.pid(), startOf(self).orElse(0L));
  }

  /** As a label value: {@code host/pid/started}. */
  public String label() {
    return host + SEPARATOR + pid + SEPARATOR + startedMillis;
  }

  /** The owner a label names; empty for a label of another form (an older dispatchcheck's). */
  public static Optional<RunOwner> parse(String label) {
    if (label == null) return Optional.empty();
    int b = label.lastIndexOf(SEPARATOR);
    int a = b < 0 ? -1 : label.lastIndexOf(SEPARATOR, b - 1);
    if (a <= 0) return Optional.empty();
    try {
      return Optional.of(new RunOwner(label.substring(0, a), Long.parseLong(label.substring(a + 1, b)),
          Long.parseLong(label.substring(b + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code other} runs where this one does: same boot of the same machine, same PID namespace. */
  public boolean sameHostAs(RunOwner other) {
    return host.equals(other.host);
  }

  /** Whether this owner's process lives; only meaningful for an owner on this host. */
  public boolean aliveHere() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .map(p -> startOf(p).map(s -> Math.abs(s - startedMillis) < 1000).orElse(true)).orElse(false);
  }

  private static Optional<Long> startOf(ProcessHandle p) {
    return p.info().startInstant().map(java.time.Instant::toEpochMilli);
  }

  /** The kernel's boot id and this process's PID namespace; the host name where /proc does not tell. */
  static String hostIdentity() {
    try {
      String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
      String ns = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      return boot + ":" + ns;
    } catch (IOException | UnsupportedOperationException e) {
      try {
        return "host-" + InetAddress.getLocalHost().getHostName();
      } catch (IOException unknown) {
        return "host-unknown";
      }
    }
  }
}
