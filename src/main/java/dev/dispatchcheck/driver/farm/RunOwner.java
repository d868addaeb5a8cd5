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
 * @param started when the process started, in the kernel's clock ticks since boot (field 22 of
 *     {@code /proc/PID/stat}): a reused pid is not taken for it. Ticks, not wall-clock time,
 *     because a JVM derives a start instant from the boot time it read, which a clock step
 *     (NTP on a fresh CI machine) moves. 0 when unknown: then the pid alone decides.
 */
public record RunOwner(String host, long pid, long started) {
  private static final String SEPARATOR = "/";

  /** This JVM. */
  public static RunOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new RunOwner(hostIdentity(), self.pid(), startTicks(self.pid()).orElse(0L));
  }

  /** As a label value: {@code host/pid/started}. */
  public String label() {
    return host + SEPARATOR + pid + SEPARATOR + started;
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
    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) return false;
    return started == 0 || startTicks(pid).map(t -> t == started).orElse(true);
  }

  /** Field 22 of /proc/PID/stat, counted after the command name (which may hold spaces and parentheses). */
  static Optional<Long> startTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(Long.parseLong(after[19]));
    } catch (IOException | RuntimeException unknown) {
      return Optional.empty();
    }
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
