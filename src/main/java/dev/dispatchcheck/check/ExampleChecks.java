package dev.dispatchcheck.check;

import dev.dispatchcheck.run.ExitCode;
import java.util.Optional;
import dev.dispatchcheck.report.ScenarioResult;
import dev.dispatchcheck.report.Summary;
import dev.dispatchcheck.run.Matrix;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The example farms of {@code examples/checks.tsv}, each checked on the matrix's first
 * pair, each required to end with its exit code: the working farm 0, its broken twin 1,
 * the malformed farm 2, the before/after pair under the gate 1. Each runs within the test
 * command's own run (its id, lease, warm hosts and reports), never as a command of its own.
 */
public final class ExampleChecks {
  /** A check as the command line would run it from {@code args}, in an open run: its exit code, and the check. */
  public interface Checker {
    Outcome check(List<String> args, RunContext run);
  }

  /** How a check of {@code args} ended; {@code check} is empty when its arguments did not parse. */
  public record Outcome(int exitCode, Optional<FarmCheck> check) {}

  private ExampleChecks() {}

  /** Each example's verdict: exit codes as expected, and, where scenarios ran, nothing but verdicts. */
  public static int run(RunContext run, Matrix matrix, Checker checker) {
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
        Outcome outcome = checker.check(args, run);
        int got = outcome.exitCode();
        problem = got != expected ? "exit " + got + ", expected " + expected
            : outcome.check().map(c -> onlyVerdicts(c, matrix)).orElse("");
        if (problem.isEmpty() && f.length > 3) {
          problem = outcome.check().map(c -> resultCount(c, matrix, Integer.parseInt(f[3].trim()))).orElse("no check ran");
        }
      }
      all &= problem.isEmpty();
      lines.add(String.format("  check %s: %s in %.0f s", f[0], problem.isEmpty() ? "passed" : "FAILED: " + problem,
          (System.nanoTime() - t0) / 1e9));
    }
    progress.sayLines("example farms:", lines.stream().map(String::strip).toList());
    return all ? ExitCode.OK : ExitCode.FAILED;
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
