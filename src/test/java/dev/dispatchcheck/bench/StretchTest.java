package dev.dispatchcheck.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StretchTest {

  @Test
  void itsLineIsTheMachinesOverItsOwnWallTime() {
    MachineLoad load = new MachineLoad(30, 600, 2);
    assertThat(new Stretch(20, Optional.of(load)).line("the floor's 3 runs", 3, "run"))
        .contains(load.line("the floor's 3 runs", 3, "run", 20));
  }

  @Test
  void withoutAReadingThereIsNoLine() {
    assertThat(new Stretch(20, Optional.empty()).line("the suite", 159, "scenario")).isEmpty();
  }

  @Test
  void aStretchEndedLaterIsNoShorter() {
    Stretch.Started started = Stretch.start();
    Stretch first = started.end();
    assertThat(started.end().seconds()).isGreaterThanOrEqualTo(first.seconds()).isGreaterThanOrEqualTo(0);
  }
}
