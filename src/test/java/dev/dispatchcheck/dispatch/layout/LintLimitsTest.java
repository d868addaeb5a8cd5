package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A farm past a stated limit is an error at the line that takes it past, with the option that raises it. */
class LintLimitsTest {
  static final String MACHINES = "agent/etc/nix/machines";
  static final String AGENT_CONF = "/var/lib/hercules-ci-agent/.config/nix/nix.conf";
  static final String AGENT_MACHINES = "/var/lib/hercules-ci-agent/.config/nix/machines";

  @TempDir Path dir;

  private static FarmLimits limits(int builders, int cells, int lineLength) {
    FarmLimits d = FarmLimits.DEFAULT;
    return new FarmLimits(builders, cells, d.scenarios(), d.buildsPerStep(), d.concurrentBuilds(), lineLength, d.includeDepth());
  }

  private static List<String> errors(Farm farm, FarmLimits limits) {
    return Lint.check(farm.layout(), limits).stream().filter(f -> f.severity() == Severity.ERROR)
        .map(f -> f.file() + ":" + f.line() + ": " + f.message()).toList();
  }

  /** Four SSH hosts, one written twice in another case, and a builder no stand-in stands for. */
  private Farm fourHosts() {
    return Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines",
            "ssh://a.example.com aarch64-linux",
            "ssh-ng://nix@A.example.com aarch64-linux",
            "http://cache.example.com aarch64-linux",
            "ssh://b.example.com aarch64-linux",
            "c.example.com aarch64-linux",
            "ssh://d.example.com aarch64-linux");
  }

  @Test
  void moreStandInsThanTheLimitIsAnErrorAtTheLineThatBringsTheFirstPastIt() {
    assertThat(errors(fourHosts(), limits(2, 600, 16_384))).containsExactly(MACHINES + ":5: the farm names 4 stand-in"
        + " builders (the SSH hosts of its machines lines; this line's is the first past the limit); dispatchcheck"
        + " starts at most 2 (raise it with --max-builders 4)");
    assertThat(errors(fourHosts(), limits(4, 600, 16_384))).isEmpty();
  }

  @Test
  void standInsAreCountedAcrossTheSystemsAndTheUsersMachinesFiles() {
    Farm farm = fourHosts()
        .agent(AGENT_CONF, "builders = @" + AGENT_MACHINES)
        .agent(AGENT_MACHINES, "ssh://b.example.com aarch64-linux", "ssh://e.example.com aarch64-linux");
    assertThat(errors(farm, limits(4, 600, 16_384))).singleElement().asString()
        .startsWith("agent" + AGENT_MACHINES + ":2: the farm names 5 stand-in builders")
        .endsWith("(raise it with --max-builders 5)");
  }

  @Test
  void moreCellsThanTheLimitIsAnErrorAtTheLineThatTakesTheMapPastIt() {
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", "ssh://a.example.com aarch64-linux", "ssh://b.example.com riscv64-linux - 1 1 kvm");
    // x86_64-linux, aarch64-linux, riscv64-linux, riscv64-linux+kvm: 4 probes, as each of 3 users and by effects.
    assertThat(errors(farm, limits(48, 8, 16_384))).containsExactly(MACHINES + ":2: the farm's dispatch map has 16 cells"
        + " (4 systems and features to probe, as each of 3 users and by the agent's effects; this line takes it past"
        + " the limit); dispatchcheck maps at most 8 (raise it with --max-cells 16)");
    assertThat(errors(farm, limits(48, 16, 16_384))).isEmpty();
  }

  @Test
  void theCountsAreTheNumbersThePlanMakes() throws IOException {
    List<Path> farms = examples();
    farms.add(fourHosts().agent(AGENT_CONF, "builders = @" + AGENT_MACHINES)
        .agent(AGENT_MACHINES, "ssh://e.example.com riscv64-linux - 1 1 kvm,big-parallel benchmark").layout().dir());
    for (Path farm : farms) {
      FarmLayout layout = FarmLayout.read(farm);
      FarmPlan plan = FarmPlan.of(layout);
      int standIns = plan.standIns().size();
      int cells = plan.cells().size() + plan.effectCells().size();
      assertThat(lint(layout, limits(Math.max(1, standIns), cells, 16_384))).as(farm + " at its own size").noneMatch(f -> f.contains("--max-"));
      assertThat(lint(layout, limits(Math.max(1, standIns), cells - 1, 16_384))).as(farm.toString())
          .anyMatch(f -> f.contains("--max-cells " + cells));
      if (standIns > 1) {
        assertThat(lint(layout, limits(standIns - 1, cells, 16_384))).as(farm.toString())
            .anyMatch(f -> f.contains("--max-builders " + standIns));
      }
    }
  }

  @Test
  void theDefaultLimitsPassTheExamples() throws IOException {
    for (Path farm : examples()) {
      assertThat(lint(FarmLayout.read(farm), FarmLimits.DEFAULT)).as(farm.toString()).noneMatch(f -> f.contains("--max-"));
    }
  }

  @Test
  void aLineLongerThanTheLimitIsAnErrorAtItsLineOncePerFile() {
    String longComment = "# " + "x".repeat(118);
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "max-jobs = 1", longComment, longComment)
        .builder("b.example.com", longComment);
    assertThat(errors(farm, limits(48, 600, 119))).containsExactly(
        "agent/etc/nix/nix.conf:2: the line is 120 characters long; dispatchcheck reads lines of at most 119 (raise it"
            + " with --max-line-length 120)",
        "builders/b.example.com/etc/nix/nix.conf:1: the line is 120 characters long; dispatchcheck reads lines of at"
            + " most 119 (raise it with --max-line-length 120)");
    assertThat(errors(farm, limits(48, 600, 120))).isEmpty();
  }

  /** A machines file of nearly a MiB (the most a farm file may be), every line a new host and system (its time is bench's). */
  @Test
  void aMachinesFileOfAMebibyteIsLinted() {
    String lines = IntStream.range(0, 26_000).mapToObj(i -> "ssh://h" + i + ".example.com s" + i + "-linux")
        .collect(Collectors.joining("\n"));
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines").agent("/etc/nix/machines", lines);
    List<String> errors = errors(farm, FarmLimits.DEFAULT);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith(MACHINES + ":49: the farm names 26000 stand-in builders");
    assertThat(errors.get(1)).startsWith(MACHINES + ":150: the farm's dispatch map has 104004 cells");
  }

  private static List<String> lint(FarmLayout layout, FarmLimits limits) {
    return Lint.check(layout, limits).stream().map(Finding::toString).toList();
  }

  private static List<Path> examples() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
      return dirs.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
  }
}
