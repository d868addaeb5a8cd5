package dev.dispatchcheck.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pairs of Nix versions, agent host / builders, e.g. "2.8/2.8 2.34/2.8". */
public record Matrix(List<Pair> pairs) {
  /**
   * Each command's matrix when neither {@code --matrix} nor {@code DISPATCHCHECK_MATRIX}
   * names one: the one place that says it. The launcher asks for it ({@code plan COMMAND}),
   * and so provisions only the base images the command will use; the CI recipe passes no
   * matrix unless it is given one.
   */
  public enum Default {
    CONFORMANCE("2.8/2.8 2.26/2.26"),
    /** The test command's scenarios and example farms: every Nix version, and old builders under a new agent. */
    SUITE("2.8/2.8 2.26/2.26 2.34/2.34 2.34/2.8"),
    CHECK("2.26/2.26"),
    /** One pair: the figures are a scenario's, not a version's. */
    BENCH("2.26/2.26");

    public final String pairs;

    Default(String pairs) {
      this.pairs = pairs;
    }

    /** @throws IllegalArgumentException naming the command, for exit code 2 */
    public static Default of(String command) {
      for (Default d : values()) {
        if (d.name().toLowerCase(Locale.ROOT).equals(command)) return d;
      }
      throw new IllegalArgumentException("no default matrix for '" + command + "': conformance, suite, check or bench");
    }
  }

  public record Pair(NixVersion agent, NixVersion builders) {
    public String label() {
      return RunSettings.pairLabel(agent, builders);
    }

    public String shortLabel() {
      return agent.label() + "/" + builders.label();
    }
  }

  /** @throws IllegalArgumentException naming the entry, for exit code 2 */
  public static Matrix parse(String text, Path projectDir) {
    List<Pair> pairs = new ArrayList<>();
    for (String entry : text.trim().split("[\\s,]+")) {
      String[] v = entry.split("/");
      if (v.length != 2) throw new IllegalArgumentException("matrix entry '" + entry + "' is not AGENT/BUILDERS, e.g. 2.26/2.8");
      pairs.add(new Pair(NixVersion.of(v[0], projectDir), NixVersion.of(v[1], projectDir)));
    }
    return new Matrix(pairs);
  }

  /** The Debian suites whose base images the pairs need, for the launcher to provision. */
  public List<String> suites() {
    return pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.agent(), p.builders()))
        .map(NixVersion::debianSuite).distinct().toList();
  }
}
