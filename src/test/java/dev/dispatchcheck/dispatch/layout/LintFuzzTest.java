package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What {@code lint} runs, thrown at farms made by {@link FarmFuzzer}: every outcome is a
 * verdict on the input (the farm is clean or warned of, exit 0, and then it plans; or it is
 * refused or has an error, exit 2), in bounded time, with every line printed escaped. Any
 * other exception, a StackOverflowError included, fails the case.
 *
 * <p>Case {@code n} is the farm {@code FarmFuzzer.of(SEED + n)}, the same on every run: a
 * failing case is named with its seed and mutations, and a test that calls
 * {@code FarmFuzzer.of(seed).write(dir)} and {@link #outcome} reproduces it. To explore
 * other farms, change {@link #SEED} for a run.
 */
class LintFuzzTest {
  static final long SEED = 20_000_000L;
  static final int CASES = 400;
  /** Per case; a case takes milliseconds, the largest (a 1 MiB line) well under a second. */
  static final Duration BOUND = Duration.ofSeconds(10);

  @TempDir static Path dir;

  private static final Map<String, AtomicInteger> OUTCOMES = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> MUTATIONS = new ConcurrentHashMap<>();

  // Its cases share nothing but the counts (concurrent maps) and take turns at both cores.
  @TestFactory
  @Execution(ExecutionMode.CONCURRENT)
  Stream<DynamicTest> everyFarmGetsAVerdictInBoundedTime() {
    return IntStream.range(0, CASES).mapToObj(n -> {
      long seed = SEED + n;
      FarmFuzzer farm = FarmFuzzer.of(seed);
      return DynamicTest.dynamicTest("case " + n + " (seed " + seed + "): " + String.join(", ", farm.applied), () -> {
        Path caseDir = dir.resolve("case-" + n);
        farm.write(caseDir);
        String outcome = assertTimeoutPreemptively(BOUND, () -> outcome(caseDir));
        OUTCOMES.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
        farm.applied.forEach(m -> MUTATIONS.computeIfAbsent(m, x -> new AtomicInteger()).incrementAndGet());
        delete(caseDir); // several hundred farms, some of a megabyte
      });
    });
  }

  /** The fuzzing reached both verdicts and used every mutation: it cannot pass by finding every farm refused. */
  @AfterAll
  static void everyKindOfFarmWasMade() {
    if (OUTCOMES.isEmpty()) return; // the cases were not run (a filter chose other tests)
    assertThat(OUTCOMES.keySet()).as("outcomes " + OUTCOMES).contains("0: clean or warnings", "2: errors", "2: refused");
    assertThat(OUTCOMES.get("0: clean or warnings").get()).as("clean farms").isGreaterThan(CASES / 20);
    for (FarmFuzzer.Mutation m : FarmFuzzer.MUTATIONS) {
      assertThat(MUTATIONS.getOrDefault(m.name(), new AtomicInteger()).get()).as(m.name() + " " + MUTATIONS).isGreaterThan(10);
    }
  }

  /** What {@code lint} decides, then the plan {@code check} would make of a clean farm: "0: …" or "2: …". */
  static String outcome(Path farm) {
    FarmLayout layout;
    try {
      layout = FarmLayout.read(farm);
    } catch (FarmInputException e) {
      assertPrintable(e.getMessage());
      return "2: refused";
    }
    List<Finding> findings = Lint.check(layout);
    findings.forEach(f -> assertPrintable(f.toString()));
    if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) return "2: errors";
    FarmPlan.of(layout);
    return "0: clean or warnings";
  }

  /** A farm's bytes never reach a terminal or log raw. */
  private static void assertPrintable(String line) {
    assertThat(line.codePoints()).as(line.length() > 300 ? line.substring(0, 300) + "…" : line)
        .allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd && Character.getType(c) != Character.FORMAT
            && Character.getType(c) != Character.SURROGATE);
  }

  private static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
