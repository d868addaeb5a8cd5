package dev.dispatchcheck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.run.PhaseClock;
import dev.dispatchcheck.run.PhaseClock.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTableTest {

  private static PhaseTable table(PhaseClock clock, double scenarioSeconds, double wall, int parallel) {
    return new PhaseTable(clock.totals(), 3, scenarioSeconds, 10, wall, parallel, 5);
  }

  @Test
  void sharesAreOfTheScenarioSlotsAndTheRestAndIdleFillThem() {
    PhaseClock clock = new PhaseClock();
    clock.add(Phase.BUILDS, 40_000_000_000L);
    clock.add(Phase.START_HOSTS, 20_000_000_000L);
    List<String> lines = table(clock, 80, 50, 2).lines();
    // 100 s of slots: builds 40%, hosts 20%, the rest 20 s, idle 20 s
    assertThat(lines).anyMatch(l -> l.contains("the builds themselves") && l.contains(" 40.0 ") && l.contains("40%"));
    assertThat(lines).anyMatch(l -> l.contains("starting hosts") && l.contains("20%") && l.endsWith(" 0.40"));
    assertThat(lines).anyMatch(l -> l.contains("the rest of the steps") && l.contains(" 20.0 ") && l.contains("20%"));
    assertThat(lines).anyMatch(l -> l.contains("idle between scenarios") && l.contains(" 20.0 ") && l.contains("20%"));
    assertThat(lines).anyMatch(l -> l.contains("in all (wall × 2 at once)") && l.contains("100%"));
  }

  @Test
  void workBesideTheScenariosIsShownApartAndNeverCountedInTheShares() {
    PhaseClock clock = new PhaseClock();
    clock.add(Phase.HAND_OVER, 30_000_000_000L);
    List<String> lines = table(clock, 50, 50, 1).lines();
    assertThat(lines).anyMatch(l -> l.contains("the rest of the steps") && l.contains(" 50.0 ") && l.contains("100%"));
    String handOver = lines.stream().filter(l -> l.startsWith("  hand-over reset")).findFirst().orElseThrow();
    assertThat(lines.indexOf(handOver)).isGreaterThan(lines.indexOf("  beside the scenarios, not in the shares:"));
    assertThat(handOver).contains(" 30.0 ").doesNotContain("%");
  }

  @Test
  void theClockCountsWorkThatThrows() {
    PhaseClock clock = new PhaseClock();
    try {
      clock.time(Phase.EVIDENCE, () -> {
        throw new IllegalStateException("x");
      });
    } catch (IllegalStateException expected) {
      // counted all the same
    }
    assertThat(clock.totals().get(Phase.EVIDENCE).times()).isEqualTo(1);
    assertThat(clock.totals().get(Phase.BUILDS).times()).isZero();
  }
}
