package dev.dispatchcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.dispatch.verdict.DispatchRecordAssertTest;
import dev.dispatchcheck.dispatch.map.DispatchMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid rendered from the templates: the grid itself, and every value escaped, in HTML and in Markdown. */
class MapReportTest {
  static final String EVIL = "evil<script>alert(1)</script>|host";

  /** The operator's words are in host names, store paths and log lines: any of them may hold markup. */
  static List<DispatchMap.Row> hostile() {
    List<DispatchMap.Row> rows = new ArrayList<>(MapGridTest.after());
    rows.add(new DispatchMap.Row("root", "riscv64-linux", List.of("k|vm"), new CellAnswer.WentTo(EVIL),
        Optional.of(DispatchRecordAssertTest.dispatchedTo("aarch64-linux-1", Map.of(EVIL, false), Map.of()))));
    return rows;
  }

  @Test
  void thePageIsTheGridWithTheEvidenceFoldedUnderEachCell() {
    String html = MapReport.html(MapGridTest.compared());
    assertThat(html).contains("<table id=\"map\">",
        "<thead><tr><th>user</th><th>aarch64-linux</th><th>aarch64-linux + big-parallel</th><th>x86_64-linux (native)</th></tr>",
        "<th scope=\"row\">the agent (hercules-ci-agent)</th>", "<th scope=\"row\">an ordinary user¹</th>",
        "<th scope=\"row\">root</th>",
        "<td class=\"wentTo moved\"><details><summary><span class=\"symbol\">↗</span>"
            + "aarch64-linux-0.example.com → aarch64-linux-1.example.com</summary>",
        "<td class=\"harnessError unanswered\">", "<td class=\"builtLocally same\">",
        "1 of 7 cells moved from farm-old to farm-new; 3 have no answer",
        "¹ The harness&#39;s account alice stood for an ordinary user")
        .doesNotContain(">alice<");
    assertThat(html.indexOf("the agent (hercules-ci-agent)")).isLessThan(html.indexOf("an ordinary user¹"));
    assertThat(html.indexOf("an ordinary user¹")).isLessThan(html.indexOf("<th scope=\"row\">root"));
  }

  @Test
  void operatorContentIsEscapedInThePage() {
    MapGrid grid = MapGrid.compared("farm <b>new</b>", "", hostile(), List.of("note <script>x()</script>"), "old & <i>",
        MapGridTest.before());
    String html = MapReport.html(grid);
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<b>", "<i>")
        .contains("evil&lt;script&gt;alert(1)&lt;/script&gt;|host", "note &lt;script&gt;x()&lt;/script&gt;",
            "farm &lt;b&gt;new&lt;/b&gt;", "old &amp; &lt;i&gt;");
    assertThat(html).as("the evidence line naming the host, folded in its cell")
        .containsPattern("<li>[^<]*evil&lt;script&gt;alert\\(1\\)&lt;/script&gt;\\|host does not hold [^<]*</li>");
  }

  @Test
  void theMarkdownEscapesPipesAndMarkupInCellsSoTheTableKeepsItsColumns() {
    MapGrid grid = MapGrid.of("farm", "", hostile(), List.of("a | note"));
    String md = MapReport.markdown(grid);
    assertThat(md).contains("↗ evil\\<script\\>alert(1)\\</script\\>\\|host", "riscv64-linux + k\\|vm", "- a \\| note")
        .as("no unescaped script tag").doesNotContainPattern("(?<!\\\\)</?script");
    List<String> table = md.lines().filter(l -> l.startsWith("| ")).toList();
    assertThat(table).hasSize(2 + 3);
    assertThat(table).allSatisfy(l -> assertThat(l.split("(?<!\\\\)\\|", -1)).hasSize(grid.columns().size() + 3));
  }

  @Test
  void theMarkdownListsTheMovedCellsFirst() {
    String md = MapReport.markdown(MapGridTest.compared());
    assertThat(md).contains("**1 of 7 cells moved**:\n\n"
        + "- the agent (hercules-ci-agent) · aarch64-linux: aarch64-linux-0.example.com → aarch64-linux-1.example.com\n");
    assertThat(md).contains("| the agent (hercules-ci-agent) | **↗ aarch64-linux-0.example.com → aarch64-linux-1.example.com** |"
        + " ⚠ HARNESS ERROR (before: aarch64-linux-0.example.com) | ⌂ built locally |");
    assertThat(md.indexOf("cells moved")).isLessThan(md.indexOf("| user |"));
    assertThat(md.indexOf("no answer in one map or both")).isLessThan(md.indexOf("| user |"));
  }

  @Test
  void aMapOnItsOwnSaysNothingOfMoves() {
    String md = MapReport.markdown(MapGrid.of("farm", "", MapGridTest.after(), List.of()));
    assertThat(md).startsWith("### Where each build goes: farm\n\n| user |").doesNotContain("moved", "→", "<details>");
  }

  @Test
  void markdownEscapingLeavesWordsAlone() {
    assertThat(Templates.markdown("x86_64-linux big-parallel a.example.com")).isEqualTo("x86_64-linux big-parallel a.example.com");
    assertThat(Templates.markdown("_a_ *b* `c` [d](e) a|b\nnext")).isEqualTo("\\_a\\_ \\*b\\* \\`c\\` \\[d\\](e) a\\|b next");
  }

  @Test
  void mapJsonKeepsItsFieldsAndTheGridLandsBesideIt(@TempDir Path dir) throws Exception {
    Path farm = dir.resolve("farm");
    Files.createDirectories(farm.resolve("agent/etc/nix"));
    Files.writeString(farm.resolve("agent/etc/nix/nix.conf"), "trusted-users = root\n");
    Path out = dir.resolve("report");
    MapReport.write(out, FarmLayout.read(farm), "Nix 2.26 on the agent host, Nix 2.26 on the builders", hostile(),
        List.of("a note"));
    JsonNode json = new ObjectMapper().readTree(out.resolve("map.json").toFile());
    assertThat(fields(json)).isEqualTo("cells,farm,notes");
    assertThat(fields(json.get("cells").get(0))).isEqualTo("evidence,features,goesTo,kind,path,summary,system,user");
    assertThat(json.get("cells").get(2).get("goesTo").asText()).isEqualTo("aarch64-linux-1.example.com");
    assertThat(json.get("cells").get(2).get("kind").asText()).isEqualTo("wentTo");
    assertThat(out.resolve("map.html")).content().contains("<table id=\"map\">");
    assertThat(out.resolve("map.md")).content().contains("| user |", "Nix 2.26 on the agent host");
  }

  private static String fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.stream().sorted().collect(Collectors.joining(","));
  }
}
