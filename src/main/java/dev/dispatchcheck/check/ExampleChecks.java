package dev.dispatchcheck.check;

import dev.dispatchcheck.run.ExitCode;
import java.util.Optional;
import dev.dispatchcheck.report.ScenarioResult;
import dev.dispatchcheck.report.Summary;
import dev.dispatchcheck.run.Matrix;

import dev.dispatchcheck.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The example farms of {@code examples/checks.tsv}, each checked on the matrix's first
 * pair, each required to end with its exit code: the working farm 0, its broken twin 1,
 * the malformed farm 2, the before/after pair under the gate 1. Each runs within the test
 * command's own run (its id, lease, warm hosts and reports), never as a command of its own;
 * {@link #AT_ONCE} run at once, each line of theirs prefixed with its farm's name.
 */
public final class ExampleChecks {
  /** A check as the command line would run it from {@code args}, in an open run: its exit code, and the check. */
  public interface Checker {
    Outcome check(List<String> args, RunContext run);
  }

  /** How a check of {@code args} ended; {@code check} is empty when its arguments did not parse. */
  public record Outcome(int exitCode, Optional<FarmCheck> check) {}

  private ExampleChecks() {}

  /**
   * How many example farms are checked at once. A farm's map builds one cell at a time (a
   * cell's dispatch must not hang on another cell's build), so one farm leaves most of the
   * two cores idle. Two at a time took 91 s against 190 s, three no less
   * (docs/measurements.md). Their expectations take turns (one run of the Cucumber engine
   * at a time, {@code PairHandOff}), and each farm has hosts of its own.
   */
  static final int AT_ONCE = 2;

  /** Each example's verdict: exit codes as expected, and, where scenarios ran, nothing but verdicts. */
  public static int run(RunContext run, Matrix matrix, Checker checker) {
    Path project = run.projectDir();
    List<String> rows = rows(project);
    ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE, r -> {
      Thread t = new Thread(r, "example-farm");
      t.setDaemon(true);
      return t;
    });
    List<Future<Verdict>> futures = new ArrayList<>();
    try {
      for (String row : rows) futures.add(pool.submit(() -> one(row, run, matrix, checker)));
      List<Verdict> verdicts = new ArrayList<>();
      for (Future<Verdict> f : futures) verdicts.add(f.get());
      run.progress().sayLines("example farms:", verdicts.stream().map(Verdict::line).toList());
      return verdicts.stream().allMatch(Verdict::passed) ? ExitCode.OK : ExitCode.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the example farms were checked", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** How one example ended: its line for the summary. */
  private record Verdict(String line, boolean passed) {}

  /** One example, its lines prefixed with its farm's name. */
  private static Verdict one(String row, RunContext run, Matrix matrix, Checker checker) {
    Path project = run.projectDir();
    String[] f = row.split("\t");
    List<String> args = new ArrayList<>(List.of("--matrix", matrix.pairs().get(0).shortLabel()));
    String farm = "";
    String label = "";
    for (String word : f[0].trim().split("\\s+")) {
      // Farm directories are the repository's, wherever the command runs from.
      if (word.startsWith("examples/")) {
        farm = word;
        if (label.isEmpty()) label = Path.of(word).getFileName().toString();
        word = project.resolve(word).toString();
      }
      args.add(word);
    }
    RunContext own = run.withProgress(run.progress().ownedBy("[" + label + "]"));
    int expected = Integer.parseInt(f[1].trim());
    own.progress().say("=== example: check %s (must exit %d: %s) ===", f[0], expected, f.length > 2 ? f[2] : "");
    long t0 = System.nanoTime();
    String problem = Files.isDirectory(project.resolve(farm)) ? "" : "no directory " + farm;
    if (problem.isEmpty()) {
      Outcome outcome = checker.check(args, own);
      int got = outcome.exitCode();
      problem = got != expected ? "exit " + got + ", expected " + expected
          : outcome.check().map(c -> onlyVerdicts(c, matrix)).orElse("");
      if (problem.isEmpty() && f.length > 3) {
        problem = outcome.check().map(c -> resultCount(c, matrix, Integer.parseInt(f[3].trim()))).orElse("no check ran");
      }
    }
    return new Verdict(String.format("check %s: %s in %.0f s", f[0].strip(),
        problem.isEmpty() ? "passed" : "FAILED: " + problem, (System.nanoTime() - t0) / 1e9), problem.isEmpty());
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
