package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.Printable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What CI runners act on never survives the console, whoever made the text. */
class ConsoleTest {
  @ParameterizedTest
  @ValueSource(strings = {"::error title=x::forged", "lint: ::add-mask::secret", "x ::stop-commands::tok",
      "##[error]old form", "a:::b", "section_start:1700000000:fold", "section_end:1700000000:fold"})
  void workflowCommandsAndSectionMarkersAreDefused(String value) {
    String shown = Printable.forLog(value);
    assertThat(shown).doesNotContain("::").doesNotContain("##[").doesNotContain("section_start:")
        .doesNotContain("section_end:");
  }

  /** The negative twin: ordinary text, a single colon and a hash included, is left as it is. */
  @Test
  void ordinaryTextIsKept() {
    assertThat(Printable.forLog("agent/etc/nix/nix.conf:3: error: a #1 builder 100% up")).isEqualTo(
        "agent/etc/nix/nix.conf:3: error: a #1 builder 100% up");
  }

  @Test
  void aValueCannotStartALineOfItsOwn() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = new Progress(0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    progress.say("checked %s in %d s", "new\n::error::forged.feature\u001b[2J", 3);
    progress.sayLines("moved:", List.of("a\nb", "##[warning]c"));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).endsWith("checked new\\x0a:\\x3aerror:\\x3aforged.feature\\x1b[2J in 3 s");
    assertThat(lines.get(2)).isEqualTo("  a\\x0ab");
    assertThat(lines.get(3)).isEqualTo("  #\\x23[warning]c");
  }

  /** Work beside other work (an example farm) says whose lines they are, its scenarios' and its map's rows too. */
  @Test
  void anOwnersLinesCarryItsName() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress run = new Progress(0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Progress owned = run.ownedBy("[guide-farm]");
    Progress scenario = owned.forScenario();
    scenario.setContext("[expectations.feature:8]");
    owned.say("map of %s", "x");
    scenario.say("built");
    owned.row("  %-6s %s", "alice", "aarch64-linux-0\n::error::x");
    run.row("  %s", "plain");
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).endsWith("] [guide-farm] map of x");
    assertThat(lines.get(1)).endsWith("] [guide-farm] [expectations.feature:8] built");
    assertThat(lines.get(2)).isEqualTo("[guide-farm]   alice  aarch64-linux-0\\x0a:\\x3aerror:\\x3ax");
    assertThat(lines.get(3)).isEqualTo("  plain");
  }
}
