package dev.dispatchcheck.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloorSplitTest {

  @Test
  void eachPartIsTheTimeBetweenItsMarkAndTheOneBeforeARunOnAverage() {
    FloorSplit split = new FloorSplit();
    double total = split.add("mark start 100.000000\nmark hosts 102.500000\nmark wiring 103.500000\n"
        + "/nix/store/abc-floor-probe\nmark builds 106.500000\nmark teardown 107.000000\n7.10\n");
    split.add("mark start 200,000000\nmark hosts 201,500000\nmark wiring 202,500000\nmark builds 204,500000\n"
        + "mark teardown 205,000000\n5.00\n");
    assertThat(total).isEqualTo(7.10);
    assertThat(split.line(10)).isEqualTo("  the floor's own time, a run on average (s, × floor): starting hosts 2.00 (0.20);"
        + " root's SSH and nix.conf 1.00 (0.10); builds and store look-ups 2.50 (0.25); teardown 0.50 (0.05)");
  }

  @Test
  void aFloorWithoutMarksStillGivesItsTotalAndSaysSo() {
    FloorSplit split = new FloorSplit();
    assertThat(split.add("8.25\n")).isEqualTo(8.25);
    assertThat(split.line(8.25)).isEqualTo("  the floor's own time: its runs printed no marks");
  }

  @Test
  void aLastLineThatIsNoTimeIsAnError() {
    assertThatThrownBy(() -> new FloorSplit().add("mark start 1.0\nsomething broke\n"))
        .isInstanceOf(NumberFormatException.class);
  }
}
