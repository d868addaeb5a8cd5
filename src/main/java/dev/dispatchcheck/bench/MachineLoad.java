package dev.dispatchcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's own account of its work, from Linux's {@code /proc/stat}: the CPU time its
 * cores spent busy, and how many processes (threads included) it started. Wall time moves
 * with how fast the machine is that hour, and so does busy CPU; the count of processes
 * started does not, and on the slow days measured here starting a process was costly (a
 * fork and exec of /bin/true 3.9 ms; docs/measurements.md). Everything on the machine
 * counts, and nothing elsewhere: with an engine on another machine, the hosts' work is not in it.
 *
 * @param busyCpuSeconds user, nice, system, irq and softirq time, every core's, in seconds
 * @param processes processes and threads started since boot
 * @param cpus how many cores the machine has
 */
public record MachineLoad(double busyCpuSeconds, long processes, int cpus) {
  /** Linux reports CPU time in USER_HZ ticks, 100 a second on every architecture it runs on here. */
  static final double TICKS_PER_SECOND = 100;

  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** The machine's figures now, if it has a /proc/stat that reads as Linux's. */
  public static Optional<MachineLoad> now() {
    try {
      return Optional.of(parse(Files.readString(PROC_STAT)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Parses /proc/stat's text; a text without its "cpu" and "processes" lines is an IllegalArgumentException. */
  static MachineLoad parse(String stat) {
    Double busy = null;
    Long processes = null;
    int cpus = 0;
    for (String line : stat.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("cpu") && f.length >= 8) {
        // user nice system idle iowait irq softirq ...: waiting (idle, iowait) and steal are not work done here.
        busy = (Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
            + Long.parseLong(f[7])) / TICKS_PER_SECOND;
      } else if (f[0].matches("cpu\\d+")) {
        cpus++;
      } else if (f[0].equals("processes") && f.length == 2) {
        processes = Long.parseLong(f[1]);
      }
    }
    if (busy == null || processes == null || cpus == 0) {
      throw new IllegalArgumentException("not a Linux /proc/stat: no cpu, cpuN or processes line");
    }
    return new MachineLoad(busy, processes, cpus);
  }

  /** What the machine did since {@code before} was read, if both it and a reading now could be made. */
  public static Optional<MachineLoad> doneSince(Optional<MachineLoad> before) {
    return before.flatMap(b -> now().map(n -> n.since(b)));
  }

  /** What the machine did between {@code before} and this reading. */
  public MachineLoad since(MachineLoad before) {
    return new MachineLoad(busyCpuSeconds - before.busyCpuSeconds, processes - before.processes, cpus);
  }

  /** The line bench prints for {@code what}, {@code count} of {@code unit} (a scenario, a run) in {@code wallSeconds}. */
  public String line(String what, int count, String unit, double wallSeconds) {
    double share = wallSeconds > 0 ? 100 * busyCpuSeconds / (wallSeconds * cpus) : 0;
    return String.format(Locale.ROOT, "  the machine over %s (its /proc/stat, all it ran): %.0f CPU-s busy, %.0f%% of its"
        + " %d cores, %.2f CPU-s a %s; %,d processes and threads started, %.0f a %s", what, busyCpuSeconds, share, cpus,
        busyCpuSeconds / Math.max(1, count), unit, processes, (double) processes / Math.max(1, count), unit);
  }
}
