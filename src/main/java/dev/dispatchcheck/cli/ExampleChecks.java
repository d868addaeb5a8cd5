package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The example farms of {@code examples/checks.tsv}, each checked on the matrix's first
 * pair, each required to end with its exit code: the working farm 0, its broken twin 1,
 * the malformed farm 2, the before/after pair under the gate 1.
 */
final class ExampleChecks {
  private ExampleChecks() {}

  static int run(Path project, Matrix matrix) {
    Progress progress = new Progress(Long.getLong("dispatchcheck.run.started", System.currentTimeMillis()));
    List<String> lines = new ArrayList<>();
    boolean all = true;
    for (String row : rows(project)) {
      String[] f = row.split("\t");
      List<String> args = new ArrayList<>(List.of("--matrix", matrix.pairs().get(0).shortLabel()));
      args.addAll(List.of(f[0].trim().split("\\s+")));
      int expected = Integer.parseInt(f[1].trim());
      progress.say("=== example: check %s (must exit %d: %s) ===", f[0], expected, f.length > 2 ? f[2] : "");
      long t0 = System.nanoTime();
      int got = new CommandLine(new FarmCheck()).execute(args.toArray(String[]::new));
      boolean ok = got == expected;
      all &= ok;
      lines.add(String.format("  check %s: exit %d, expected %d: %s in %.0f s", f[0], got, expected,
          ok ? "passed" : "FAILED", (System.nanoTime() - t0) / 1e9));
    }
    progress.say("example farms:%n%s", String.join("\n", lines));
    return all ? Main.OK : Main.FAILED;
  }

  private static List<String> rows(Path project) {
    try {
      return Files.readAllLines(project.resolve("examples/checks.tsv")).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
