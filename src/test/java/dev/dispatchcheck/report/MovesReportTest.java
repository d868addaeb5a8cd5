package dev.dispatchcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.dispatch.map.DispatchMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** --before's moves as files for CI: moves.json for programs, moves.md for a job summary, moves.xml for test widgets. */
class MovesReportTest {
  static final CellAnswer ON_0 = new CellAnswer.WentTo("aarch64-linux-0.example.com");
  static final CellAnswer ON_1 = new CellAnswer.WentTo("aarch64-linux-1.example.com");
  static final CellAnswer LOCAL = new CellAnswer.BuiltLocally();
  static final CellAnswer SPLIT = new CellAnswer.HarnessError("the evidence sources disagree");

  private static DispatchMap.Row row(String user, String system, CellAnswer answer) {
    return new DispatchMap.Row(user, system, List.of(), answer, Optional.empty());
  }

  @Test
  void movedAndUnansweredCellsAreWrittenWithTheirAnswersBeforeAndAfter(@TempDir Path dir) throws Exception {
    MapDiff diff = MapDiff.of(
        List.of(row("hercules-ci-agent", "aarch64-linux", ON_0), row("root", "aarch64-linux", ON_0),
            row("root", "x86_64-linux", LOCAL)),
        List.of(row("hercules-ci-agent", "aarch64-linux", ON_1), row("root", "aarch64-linux", SPLIT),
            row("root", "x86_64-linux", LOCAL), row("hercules-ci-agent", "riscv64-linux", ON_1)));
    MovesReport.write(dir, Path.of("old/farm"), Path.of("farm"), "2.26/2.26", 4, diff, true);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("moves.json").toFile());
    assertThat(json.get("before").asText()).isEqualTo("old/farm");
    assertThat(json.get("pair").asText()).isEqualTo("2.26/2.26");
    assertThat(json.get("cells").asInt()).isEqualTo(4);
    JsonNode first = json.get("moved").get(0);
    assertThat(first.get("cell").asText()).isEqualTo("hercules-ci-agent aarch64-linux");
    assertThat(first.get("before").get("goesTo").asText()).isEqualTo("aarch64-linux-0.example.com");
    assertThat(first.get("after").get("kind").asText()).isEqualTo("wentTo");
    assertThat(first.get("line").asText())
        .isEqualTo("hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com");
    JsonNode added = json.get("moved").get(1);
    assertThat(added.get("before").isNull()).as("a cell the old map lacks").isTrue();
    assertThat(json.get("unanswered")).hasSize(1);
    assertThat(json.get("unanswered").get(0).get("after").get("kind").asText()).isEqualTo("harnessError");

    String md = Files.readString(dir.resolve("moves.md"));
    assertThat(md).startsWith("#### Nix 2.26/2.26: 2 of 4 cells moved\n\n")
        .contains("- `hercules-ci-agent aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com`\n")
        .contains("- `hercules-ci-agent riscv64-linux: (no such cell) → aarch64-linux-1.example.com`\n")
        .contains("1 cell has no answer in one map or both")
        .contains("- `root aarch64-linux: before: aarch64-linux-0.example.com; after: HARNESS ERROR: the evidence sources disagree`");
  }

  @Test
  void noMoveIsSaidAndTheListsAreEmpty(@TempDir Path dir) throws Exception {
    List<DispatchMap.Row> same = List.of(row("hercules-ci-agent", "aarch64-linux", ON_1));
    MovesReport.write(dir, Path.of("a"), Path.of("b"), "2.8/2.8", 1, MapDiff.of(same, same), true);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("moves.json").toFile());
    assertThat(json.get("moved")).isEmpty();
    assertThat(json.get("unanswered")).isEmpty();
    assertThat(Files.readString(dir.resolve("moves.md"))).isEqualTo("#### Nix 2.8/2.8: no cell moved (of 1)\n\n");
  }

  /** The example's move, a cell the harness could not answer, a cell that stays and one the change adds. */
  private static MapDiff fourCells() {
    return MapDiff.of(
        List.of(row("hercules-ci-agent", "aarch64-linux", ON_0), row("root", "aarch64-linux", ON_0),
            row("root", "x86_64-linux", LOCAL)),
        List.of(row("hercules-ci-agent", "aarch64-linux", ON_1), row("root", "aarch64-linux", SPLIT),
            row("root", "x86_64-linux", LOCAL), row("hercules-ci-agent", "riscv64-linux", ON_1)));
  }

  @Test
  void underTheGateEachMoveIsAJUnitFailureSayingBeforeAndAfterAndAnUnansweredCellAnError(@TempDir Path dir)
      throws Exception {
    MovesReport.write(dir, Path.of("old/farm"), Path.of("farm"), "2.26/2.26", 4, fourCells(), true);
    Element suite = JUnitXmlTest.parse(dir.resolve("moves.xml"));
    assertThat(suite.getAttribute("name")).isEqualTo("moves, Nix 2.26/2.26");
    assertThat(List.of(suite.getAttribute("tests"), suite.getAttribute("failures"), suite.getAttribute("errors")))
        .containsExactly("4", "2", "1");
    assertThat(JUnitXmlTest.outcome(suite, "hercules-ci-agent aarch64-linux"))
        .isEqualTo("failure: moved: aarch64-linux-0.example.com → aarch64-linux-1.example.com");
    assertThat(JUnitXmlTest.outcome(suite, "hercules-ci-agent riscv64-linux"))
        .isEqualTo("failure: moved: (no such cell) → aarch64-linux-1.example.com");
    assertThat(JUnitXmlTest.outcome(suite, "root aarch64-linux")).isEqualTo("error: no answer, so whether it moved is"
        + " unknown: before: aarch64-linux-0.example.com; after: HARNESS ERROR: the evidence sources disagree");
    assertThat(JUnitXmlTest.outcome(suite, "root x86_64-linux")).isEqualTo("passed: not moved: built locally");
  }

  @Test
  void withoutTheGateAMoveIsReportedAndPassesAsTheJobDoesButNoAnswerIsStillAnError(@TempDir Path dir) throws Exception {
    MovesReport.write(dir, Path.of("old/farm"), Path.of("farm"), "2.26/2.26", 4, fourCells(), false);
    Element suite = JUnitXmlTest.parse(dir.resolve("moves.xml"));
    assertThat(List.of(suite.getAttribute("tests"), suite.getAttribute("failures"), suite.getAttribute("errors")))
        .containsExactly("4", "0", "1");
    assertThat(JUnitXmlTest.outcome(suite, "hercules-ci-agent aarch64-linux"))
        .isEqualTo("passed: moved: aarch64-linux-0.example.com → aarch64-linux-1.example.com ("
            + MovesReport.REPORTED_ONLY + ")");
    assertThat(Files.readString(dir.resolve("moves.md"))).startsWith("#### Nix 2.26/2.26: 2 of 4 cells moved\n\n"
        + MovesReport.REPORTED_ONLY + "\n\n");
  }

  @Test
  void aCodeSpanHoldsBackticksAndNewlinesWithoutBreakingTheMarkdown() {
    assertThat(MovesReport.code("plain")).isEqualTo("`plain`");
    assertThat(MovesReport.code("fails: `nix-store` missing")).isEqualTo("`` fails: `nix-store` missing ``");
    assertThat(MovesReport.code("two\n  lines")).isEqualTo("`two lines`");
  }
}
