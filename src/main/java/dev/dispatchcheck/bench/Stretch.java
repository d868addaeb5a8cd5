package dev.dispatchcheck.bench;

import java.util.Optional;

/**
 * A stretch of bench's work: its wall time and, where {@code /proc/stat} reads, what the
 * machine did in it ({@link MachineLoad}). Begun with {@link #start}, ended with
 * {@link Started#end}.
 */
record Stretch(double seconds, Optional<MachineLoad> load) {

  /** A stretch begun now. */
  static Started start() {
    return new Started(System.nanoTime(), MachineLoad.now());
  }

  /** A stretch under way: when it began, and the machine's reading then. */
  record Started(long nanos, Optional<MachineLoad> before) {
    Stretch end() {
      return new Stretch((System.nanoTime() - nanos) / 1e9, MachineLoad.doneSince(before));
    }
  }

  /** Bench's line of what the machine did over {@code what}, {@code count} of {@code unit} in it; none without a reading. */
  Optional<String> line(String what, int count, String unit) {
    return load.map(l -> l.line(what, count, unit, seconds));
  }
}
