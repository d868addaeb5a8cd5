package dev.dispatchcheck.dispatch.map;

import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import java.util.List;
import java.util.Optional;

/**
 * A dispatch map's data: where each build goes, one row per cell of a farm's plan. The
 * reports read it, and never need what probed it.
 */
public final class DispatchMap {
  private DispatchMap() {}

  /**
   * One answered cell; {@code record} is the probe's, absent when the cell was not probed or
   * its run broke; {@code effect} when an effect of the agent's built it, rather than the
   * guide's check.
   */
  public record Row(String user, String system, List<String> features, CellAnswer answer, Optional<DispatchRecord> record,
      boolean effect) {
    /** A cell of the guide's check (not an effect's). */
    public Row(String user, String system, List<String> features, CellAnswer answer, Optional<DispatchRecord> record) {
      this(user, system, features, answer, record, false);
    }

    /** The user, and "(effect)" for an effect's cell. */
    public String who() {
      return effect ? user + " (effect)" : user;
    }

    /** How the build was started: "check" (the guide's) or "effect". */
    public String path() {
      return effect ? "effect" : "check";
    }

    public String what() {
      return features.isEmpty() ? system : system + " requiring " + String.join(", ", features);
    }

    /** A cell's identity across two farms: who built what. */
    public String key() {
      return who() + " " + what();
    }

    public String where() {
      return answer.text();
    }

    /** What the probe's record rests on, a line each (store paths, log lines); none when it was not probed or broke. */
    public List<String> evidence() {
      return record.map(d -> d.evidence().stream().map(Object::toString).toList()).orElse(List.of());
    }
  }
}
