package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunContext;
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
 * the malformed farm 2, the before/after pair under the gate 1. Each runs within the test
 * command's own run (its id, lease, warm hosts and reports), never as a command of its own.
 */
final class ExampleChecks {
  private ExampleChecks() {}

  /** Each example's verdict: exit codes as expected, and, where scenarios ran, nothing but verdicts. */
  static int run(RunContext run, Matrix matrix) {
    Path project = run.projectDir();
    Progress progress = run.progress();
    List<String> lines = new ArrayList<>();
    boolean all = true;
    for (String row : rows(project)) {
      String[] f = row.split("\t");
      List<String> args = new ArrayList<>(List.of("--matrix", matrix.pairs().get(0).shortLabel()));
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
        FarmCheck check = new FarmCheck();
        int got = within(run, check, args);
        problem = got != expected ? "exit " + got + ", expected " + expected : onlyVerdicts(check, matrix);
        if (problem.isEmpty() && f.length > 3) problem = resultCount(check, matrix, Integer.parseInt(f[3].trim()));
      }
      all &= problem.isEmpty();
      lines.add(String.format("  check %s: %s in %.0f s", f[0], problem.isEmpty() ? "passed" : "FAILED: " + problem,
          (System.nanoTime() - t0) / 1e9));
    }
    progress.sayLines("example farms:", lines.stream().map(String::strip).toList());
    return all ? Main.OK : Main.FAILED;
  }

  /** The check's exit code, as the command line would give it, run in {@code run}. */
  private static int within(RunContext run, FarmCheck check, List<String> args) {
    try {
      new CommandLine(check).parseArgs(args.toArray(String[]::new));
      return check.within(run);
    } catch (CommandLine.ParameterException e) {
      Console.err("[dispatchcheck] error: " + e.getMessage());
      return Main.INVALID;
    } catch (RuntimeException e) {
      return Main.exitCodeOf(e);
    }
  }

  /** A scenario of an example that ended as anything but passed or a verdict failure proves nothing. */
  private static String onlyVerdicts(FarmCheck check, Matrix matrix) {
    if (!check.started()) return ""; // invalid input: nothing ran
    return Summary.readResults(check.reportDir(matrix.pairs().get(0))).stream()
        .filter(r -> !r.passed() && !r.status().equals(ScenarioResult.FAILED))
        .map(r -> r.name() + " ended " + r.status()).findFirst().orElse("");
  }

  /** Every expectation counted: a result lost (a file named oddly, say) would pass unseen otherwise. */
  private static String resultCount(FarmCheck check, Matrix matrix, int expected) {
    int got = check.started() ? Summary.readResults(check.reportDir(matrix.pairs().get(0))).size() : 0;
    return got == expected ? "" : got + " expectation results, expected " + expected;
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
