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

  /** Each example's verdict: exit codes as expected, and, where scenarios ran, nothing but verdicts. */
  static int run(Path project, Matrix matrix) {
    Progress progress = new Progress(Long.getLong("dispatchcheck.run.started", System.currentTimeMillis()));
    List<String> lines = new ArrayList<>();
    boolean all = true;
    for (String row : rows(project)) {
      String[] f = row.split("\t");
      List<String> args = new ArrayList<>(List.of("check", "--matrix", matrix.pairs().get(0).shortLabel()));
      String farm = "";
      for (String word : f[0].trim().split("\\s+")) {
        // Farm directories are the repository's, wherever the command runs from.
        if (word.startsWith("examples/")) {
          farm = word;
          word = project.resolve(word).toString();
        }
        args.add(word);
      }
      int expected = Integer.parseInt(f[1].trim());
      progress.say("=== example: check %s (must exit %d: %s) ===", f[0], expected, f.length > 2 ? f[2] : "");
      long t0 = System.nanoTime();
      String problem = Files.isDirectory(project.resolve(farm)) ? "" : "no directory " + farm;
      if (problem.isEmpty()) {
        CommandLine check = Main.commandLine();
        int got = check.execute(args.toArray(String[]::new));
        problem = got != expected ? "exit " + got + ", expected " + expected
            : onlyVerdicts(check.getSubcommands().get("check").getCommand(), matrix);
      }
      all &= problem.isEmpty();
      lines.add(String.format("  check %s: %s in %.0f s", f[0], problem.isEmpty() ? "passed" : "FAILED: " + problem,
          (System.nanoTime() - t0) / 1e9));
    }
    progress.say("example farms:%n%s", String.join("\n", lines));
    return all ? Main.OK : Main.FAILED;
  }

  /** A scenario of an example that ended as anything but passed or a verdict failure proves nothing. */
  private static String onlyVerdicts(FarmCheck check, Matrix matrix) {
    if (!check.started()) return ""; // invalid input: nothing ran
    return Summary.readResults(check.reportDir(matrix.pairs().get(0))).stream()
        .filter(r -> !r.passed() && !r.status().equals(ScenarioResult.FAILED))
        .map(r -> r.name() + " ended " + r.status()).findFirst().orElse("");
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
