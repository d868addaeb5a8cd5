package dev.dispatchcheck.driver.host;

import java.util.List;

/**
 * A process on a host as {@code ps} shows it: what a builder still runs for a client that
 * is gone, and where it waits (a process blocked on a full pipe waits in
 * {@code pipe_write}).
 *
 * @param seconds how long it has run
 * @param waitsIn the kernel function it sleeps in ({@code -} when it runs)
 */
public record HostProcess(int pid, long seconds, String waitsIn, String command) {
  static final List<String> PS = List.of("ps", "-eo", "pid=,etimes=,wchan:32=,args=");

  static List<HostProcess> parse(String ps) {
    return ps.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+", 4))
        .filter(f -> f.length == 4)
        .map(f -> new HostProcess(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], f[3])).toList();
  }

  /** Whether its command line is {@code command}, or starts with it and then its arguments. */
  public boolean runs(String command) {
    return this.command.equals(command) || this.command.startsWith(command + " ");
  }

  @Override
  public String toString() {
    return String.format("pid %d, running for %d s, waiting in %s: %s", pid, seconds, waitsIn, command);
  }
}
