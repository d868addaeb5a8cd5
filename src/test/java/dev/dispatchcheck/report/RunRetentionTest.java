package dev.dispatchcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which run directories a new run removes: beyond the newest 20, those neither shown nor young. */
class RunRetentionTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  static final Instant OLD = NOW.minus(Duration.ofDays(2));

  private final List<String> runs = new ArrayList<>();
  private final Map<String, Instant> written = new HashMap<>();

  /** Run {@code i} started {@code i} minutes after 10:00 on the first; the higher, the newer. */
  private static String name(int i) {
    return String.format("20261201T%02d%02d00Z-%06x", 10 + i / 60, i % 60, i);
  }

  /** Runs 1..count, all last written two days ago. */
  private void oldRuns(int count) {
    for (int i = 1; i <= count; i++) {
      runs.add(name(i));
      written.put(name(i), OLD);
    }
  }

  private List<String> toRemove(Set<String> shown, String opening) {
    return RunRetention.toRemove(runs, shown, opening, written::get, NOW);
  }

  @Test
  void theNewestTwentyStayAndTheTwentyFirstNewestGoes() {
    oldRuns(21);
    assertThat(toRemove(Set.of(), name(21))).containsExactly(name(1));
  }

  @Test
  void twentyRunsAreAllKept() {
    oldRuns(20);
    assertThat(toRemove(Set.of(), name(20))).isEmpty();
  }

  @Test
  void aShownOldRunIsKept() {
    oldRuns(23);
    assertThat(toRemove(Set.of(name(2)), name(23))).containsExactly(name(3), name(1));
  }

  @Test
  void aRunWrittenToWithinTheHourIsKeptAndOneAnHourAgoGoes() {
    oldRuns(23);
    written.put(name(1), NOW.minus(Duration.ofMinutes(59)));
    written.put(name(2), NOW.minus(Duration.ofMinutes(61)));
    assertThat(toRemove(Set.of(), name(23))).containsExactly(name(3), name(2));
  }

  @Test
  void theRunBeingOpenedIsNeverRemovedEvenIfItSortsOldest() {
    oldRuns(22);
    assertThat(toRemove(Set.of(), name(1))).containsExactly(name(2));
  }

  @Test
  void aDirectoryNotNamedAsARunIsLeftAlone() {
    oldRuns(21);
    runs.add("gathered-from-ci");
    runs.add("00000000T000000Z-abcdeg");
    assertThat(toRemove(Set.of(), name(21))).containsExactly(name(1));
  }

  @Test
  void theNamesReportRunGivesAreTheNamesItPrunes() {
    assertThat(RunRetention.RUN_NAME.matcher(name(7)).matches()).isTrue();
    assertThat(RunRetention.RUN_NAME.matcher("20261201T1000Z-000007").matches()).isFalse();
  }
}
