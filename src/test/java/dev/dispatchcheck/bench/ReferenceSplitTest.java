package dev.dispatchcheck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.run.PhaseClock.Phase;
import dev.dispatchcheck.run.PhaseClock.Total;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceSplitTest {

  @Test
  void eachPhaseAndTheRestAreARunOnAverageAndAgainstTheFloor() {
    ReferenceSplit split = new ReferenceSplit();
    split.add(6.0, Map.of(Phase.START_HOSTS, new Total(2.5, 1), Phase.BUILDS, new Total(2.0, 4)));
    split.add(5.0, Map.of(Phase.START_HOSTS, new Total(1.5, 1), Phase.BUILDS, new Total(3.0, 4)));
    String line = split.line("its time on fresh hosts", 10);
    assertThat(line).startsWith("  its time on fresh hosts, a run on average")
        .contains("starting hosts 2.00 (0.20)").contains("the builds themselves 2.50 (0.25)")
        .contains("the rest 1.00 (0.10)").doesNotContain("collecting evidence");
  }

  @Test
  void workBesideTheScenarioAndRunsWithoutATimeAreLeftOut() {
    ReferenceSplit split = new ReferenceSplit();
    split.add(4.0, Map.of(Phase.HAND_OVER, new Total(9.0, 1), Phase.BUILDS, new Total(3.0, 4)));
    split.add(Double.NaN, Map.of(Phase.BUILDS, new Total(100.0, 4)));
    assertThat(split.line("x", 0)).contains("the builds themselves 3.00;").contains("the rest 1.00")
        .doesNotContain("hand-over");
  }

  @Test
  void noRunIsSaidSo() {
    assertThat(new ReferenceSplit().line("its time on warm hosts", 5)).isEqualTo("  its time on warm hosts: no run gave a time");
  }
}
