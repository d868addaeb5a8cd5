package dev.dispatchcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.report.MapDiff.Change;
import dev.dispatchcheck.report.MapGrid.Cell;
import dev.dispatchcheck.report.MapGrid.Column;
import dev.dispatchcheck.report.MapGrid.Row;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.dispatch.map.DispatchMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The map as a grid: users as rows in a fixed order, systems and features as columns, each cell's change since before. */
class MapGridTest {
  static final CellAnswer ON_0 = new CellAnswer.WentTo("aarch64-linux-0.example.com");
  static final CellAnswer ON_1 = new CellAnswer.WentTo("aarch64-linux-1.example.com");
  static final CellAnswer LOCAL = new CellAnswer.BuiltLocally();
  static final CellAnswer NO_MACHINE = new CellAnswer.Failed("no builder can build this system with these features");
  static final CellAnswer SPLIT = new CellAnswer.HarnessError("the evidence sources disagree: the stores say otherwise");

  static DispatchMap.Row cell(String user, String system, List<String> features, CellAnswer answer) {
    return new DispatchMap.Row(user, system, features, answer, Optional.empty());
  }

  /** A farm's map as FarmPlan orders it (by user name), with its own notes. */
  static List<DispatchMap.Row> after() {
    return List.of(
        cell("alice", "aarch64-linux", List.of(), NO_MACHINE),
        cell("alice", "x86_64-linux", List.of(), LOCAL),
        cell("hercules-ci-agent", "aarch64-linux", List.of(), ON_1),
        cell("hercules-ci-agent", "aarch64-linux", List.of("big-parallel"), SPLIT),
        cell("hercules-ci-agent", "x86_64-linux", List.of(), LOCAL),
        cell("root", "aarch64-linux", List.of(), ON_0),
        cell("root", "x86_64-linux", List.of(), LOCAL));
  }

  static List<DispatchMap.Row> before() {
    return List.of(
        cell("alice", "aarch64-linux", List.of(), NO_MACHINE),
        cell("alice", "x86_64-linux", List.of(), SPLIT),
        cell("hercules-ci-agent", "aarch64-linux", List.of(), ON_0),
        cell("hercules-ci-agent", "aarch64-linux", List.of("big-parallel"), ON_0),
        cell("hercules-ci-agent", "x86_64-linux", List.of(), LOCAL),
        cell("root", "aarch64-linux", List.of(), ON_0),
        cell("root", "x86_64-linux", List.of(), SPLIT));
  }

  static MapGrid compared() {
    return MapGrid.compared("farm-new", "Nix 2.26 on the agent host, Nix 2.26 on the builders", after(),
        List.of("substituters off"), "farm-old", before());
  }

  private static Cell at(MapGrid grid, int row, String column) {
    return grid.rows().get(row).cells().stream().filter(c -> c.column().equals(column)).findFirst().orElseThrow();
  }

  @Test
  void usersAreRowsTheAgentFirstAnOrdinaryUserNotByTheHarnessAccountAndRootLast() {
    MapGrid grid = MapGrid.of("farm", "", after(), List.of());
    assertThat(grid.rows()).extracting(Row::label).containsExactly("the agent (hercules-ci-agent)", "an ordinary user", "root");
    assertThat(grid.rows()).extracting(Row::mark).containsExactly("", "¹", "");
    assertThat(grid.footnotes()).singleElement().asString().startsWith("¹ The harness's account alice stood for an ordinary user");
  }

  @Test
  void systemsAndFeatureSetsAreColumnsTheNativeSystemSaidSo() {
    MapGrid grid = MapGrid.of("farm", "", after(), List.of());
    assertThat(grid.columns()).extracting(Column::label)
        .containsExactly("aarch64-linux", "aarch64-linux + big-parallel", "x86_64-linux (native)");
    assertThat(grid.rows().get(0).cells()).extracting(Cell::shown)
        .containsExactly("aarch64-linux-1.example.com", "HARNESS ERROR", "built locally");
    assertThat(grid.rows().get(0).cells()).extracting(Cell::symbol).containsExactly("↗", "⚠", "⌂");
    assertThat(grid.rows().get(1).cells()).extracting(Cell::shown)
        .containsExactly("fails: no builder can build it", "(no such cell)", "built locally");
    assertThat(grid.rows().get(1).cells()).extracting(Cell::kind).containsExactly("failed", "absent", "builtLocally");
    assertThat(grid.compared()).isFalse();
    assertThat(grid.cells()).extracting(Cell::change).containsOnlyNulls();
  }

  @Test
  void withTheMapBeforeAMovedCellSaysBeforeAndAfterAndAnUnchangedOneOnlyItsAnswer() {
    MapGrid grid = compared();
    Cell moved = at(grid, 0, "aarch64-linux");
    assertThat(moved.change()).isEqualTo(Change.MOVED);
    assertThat(moved.shown()).isEqualTo("aarch64-linux-0.example.com → aarch64-linux-1.example.com");
    assertThat(moved.classes()).isEqualTo("wentTo moved");
    Cell same = at(grid, 0, "x86_64-linux (native)");
    assertThat(same.change()).isEqualTo(Change.SAME);
    assertThat(same.shown()).isEqualTo("built locally");
    assertThat(grid.moved()).containsExactly(moved);
  }

  @Test
  void aHarnessErrorOnEitherSideIsShownAsSuchAndNeverAsAMove() {
    MapGrid grid = compared();
    Cell after = at(grid, 0, "aarch64-linux + big-parallel");
    assertThat(after.change()).isEqualTo(Change.UNANSWERED);
    assertThat(after.shown()).isEqualTo("HARNESS ERROR (before: aarch64-linux-0.example.com)").doesNotContain("→");
    assertThat(after.symbol()).isEqualTo("⚠");
    Cell before = at(grid, 2, "x86_64-linux (native)");
    assertThat(before.shown()).isEqualTo("built locally (before: HARNESS ERROR)");
    assertThat(before.symbol()).isEqualTo("⚠");
    assertThat(before.classes()).isEqualTo("builtLocally unanswered");
    assertThat(grid.unanswered()).extracting(Cell::row)
        .containsExactly("the agent (hercules-ci-agent)", "an ordinary user", "root");
    assertThat(grid.moved()).hasSize(1);
  }

  @Test
  void theSameHarnessErrorOnBothSidesIsStillNoAnswer() {
    List<DispatchMap.Row> both = List.of(cell("root", "x86_64-linux", List.of(), SPLIT));
    Cell c = MapGrid.compared("new", "", both, List.of(), "old", both).cells().get(0);
    assertThat(c.change()).isEqualTo(Change.UNANSWERED);
    assertThat(c.shown()).isEqualTo("HARNESS ERROR (before too)");
  }

  @Test
  void aColumnOnlyOneMapHasIsAMoveFromOrToNoSuchCell() {
    MapGrid grid = MapGrid.compared("new", "", List.of(cell("root", "riscv64-linux", List.of(), ON_1)), List.of(), "old",
        List.of(cell("root", "i686-linux", List.of(), ON_0)));
    assertThat(grid.columns()).extracting(Column::label).containsExactly("i686-linux", "riscv64-linux");
    assertThat(grid.cells()).extracting(Cell::shown).containsExactly("aarch64-linux-0.example.com → (no such cell)",
        "(no such cell) → aarch64-linux-1.example.com");
    assertThat(grid.cells()).extracting(Cell::kind).containsExactly("absent", "wentTo");
  }

  @Test
  void aUserNoRowKindNamesStillHasARowAfterTheKnownOnes() {
    MapGrid grid = MapGrid.of("farm", "", List.of(cell("builder", "x86_64-linux", List.of(), LOCAL),
        cell("root", "x86_64-linux", List.of(), LOCAL)), List.of());
    assertThat(grid.rows()).extracting(Row::label).containsExactly("root", "builder");
  }
}
