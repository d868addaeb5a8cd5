package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.NixVersion;
import dev.dispatchcheck.run.RunSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Pairs of Nix versions, agent host / builders, e.g. "2.8/2.8 2.34/2.8". */
record Matrix(List<Pair> pairs) {
  static final String CONFORMANCE_DEFAULT = "2.8/2.8 2.26/2.26";
  static final String TEST_DEFAULT = "2.8/2.8 2.26/2.26 2.34/2.34 2.34/2.8";

  record Pair(NixVersion agent, NixVersion builders) {
    String label() {
      return RunSettings.pairLabel(agent, builders);
    }

    String shortLabel() {
      return agent.label() + "/" + builders.label();
    }
  }

  /** @throws IllegalArgumentException naming the entry, for exit code 2 */
  static Matrix parse(String text, Path projectDir) {
    List<Pair> pairs = new ArrayList<>();
    for (String entry : text.trim().split("[\\s,]+")) {
      String[] v = entry.split("/");
      if (v.length != 2) throw new IllegalArgumentException("matrix entry '" + entry + "' is not AGENT/BUILDERS, e.g. 2.26/2.8");
      pairs.add(new Pair(NixVersion.of(v[0], projectDir), NixVersion.of(v[1], projectDir)));
    }
    return new Matrix(pairs);
  }

  /** The Debian suites whose base images the pairs need, for the launcher to provision. */
  List<String> suites() {
    return pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.agent(), p.builders()))
        .map(NixVersion::debianSuite).distinct().toList();
  }
}
