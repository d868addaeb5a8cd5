package dev.dispatchcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.dispatch.map.DispatchMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --before: answers compare by type and value; a harness error on either side is never a move. */
class MapDiffTest {
  static final CellAnswer ON_0 = new CellAnswer.WentTo("aarch64-linux-0.example.com");
  static final CellAnswer ON_1 = new CellAnswer.WentTo("aarch64-linux-1.example.com");
  static final CellAnswer SPLIT = new CellAnswer.HarnessError("the evidence sources disagree: the stores say otherwise");

  private static DispatchMap.Row agent(String system, CellAnswer answer) {
    return new DispatchMap.Row("hercules-ci-agent", system, List.of(), answer, Optional.empty(), false);
  }

  @Test
  void aChangedBuilderIsAMoveAndTheSameAnswerIsNot() {
    MapDiff diff = MapDiff.of(List.of(agent("aarch64-linux", ON_0), agent("x86_64-linux", new CellAnswer.BuiltLocally())),
        List.of(agent("aarch64-linux", ON_1), agent("x86_64-linux", new CellAnswer.BuiltLocally())));
    assertThat(diff.moved()).containsExactly(
        "hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com");
    assertThat(diff.unanswered()).isEmpty();
  }

  @Test
  void anEffectsCellIsACellOfItsOwn() {
    var effect = new DispatchMap.Row("hercules-ci-agent", "aarch64-linux", List.of(), ON_0, Optional.empty(), true);
    MapDiff diff = MapDiff.of(List.of(agent("aarch64-linux", ON_1), effect),
        List.of(agent("aarch64-linux", ON_1), new DispatchMap.Row("hercules-ci-agent", "aarch64-linux", List.of(), ON_1,
            Optional.empty(), true)));
    assertThat(diff.moved()).containsExactly(
        "hercules-ci-agent (effect) aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com");
    assertThat(effect.path()).isEqualTo("effect");
    assertThat(agent("x", ON_0).path()).isEqualTo("check");
  }

  @Test
  void aHarnessErrorInTheOldMapIsNoMove() {
    MapDiff diff = MapDiff.of(List.of(agent("aarch64-linux", SPLIT)), List.of(agent("aarch64-linux", ON_1)));
    assertThat(diff.moved()).isEmpty();
    assertThat(diff.unanswered()).singleElement().asString()
        .startsWith("hercules-ci-agent aarch64-linux: before: HARNESS ERROR: the evidence sources disagree")
        .endsWith("; after: aarch64-linux-1.example.com");
  }

  @Test
  void aHarnessErrorInTheNewMapIsNoMove() {
    MapDiff diff = MapDiff.of(List.of(agent("aarch64-linux", ON_0)), List.of(agent("aarch64-linux", SPLIT)));
    assertThat(diff.moved()).isEmpty();
    assertThat(diff.unanswered()).hasSize(1);
  }

  @Test
  void theSameHarnessErrorOnBothSidesIsStillNoAnswer() {
    MapDiff diff = MapDiff.of(List.of(agent("aarch64-linux", SPLIT)), List.of(agent("aarch64-linux", SPLIT)));
    assertThat(diff.moved()).isEmpty();
    assertThat(diff.unanswered()).hasSize(1);
  }

  @Test
  void cellsThatComeOrGoAreMovesAndSoIsABuilderThatCannotBeStoodInFor() {
    MapDiff diff = MapDiff.of(List.of(agent("aarch64-linux", ON_0), agent("i686-linux", ON_0)),
        List.of(agent("aarch64-linux", new CellAnswer.NotStoodIn("http")), agent("riscv64-linux", ON_1)));
    assertThat(diff.moved()).containsExactly(
        "hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → not stood in: http builders are not simulated",
        "hercules-ci-agent riscv64-linux: (no such cell) → aarch64-linux-1.example.com",
        "hercules-ci-agent i686-linux: aarch64-linux-0.example.com → (no such cell)");
  }

  @Test
  void failuresCompareByTheirCause() {
    CellAnswer noMachine = new CellAnswer.Failed("no builder can build this system with these features");
    assertThat(MapDiff.of(List.of(agent("aarch64-linux", noMachine)),
        List.of(agent("aarch64-linux", new CellAnswer.Failed("no builder can build this system with these features")))).moved())
        .isEmpty();
    assertThat(MapDiff.of(List.of(agent("aarch64-linux", noMachine)),
        List.of(agent("aarch64-linux", new CellAnswer.Failed("the builder refused the SSH key")))).moved()).hasSize(1);
  }
}
