package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.IncludeWalk.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncludeWalkTest {

  /** Records each entry as file:line@depth text, and each include's outcome; "@path" includes, ';' separates entries. */
  private static final class Record implements IncludeWalk.Visitor {
    final List<String> seen = new ArrayList<>();

    @Override
    public List<String> entries(IncludeWalk.Entry line) {
      return List.of(line.text().split(";"));
    }

    @Override
    public void entry(IncludeWalk.Entry e, IncludeWalk walk) {
      String text = e.text().strip();
      seen.add(e.file() + ":" + e.line() + "@" + e.depth() + " " + text);
      if (text.startsWith("@")) {
        Outcome outcome = walk.include(text.substring(1));
        if (outcome != Outcome.FOLLOWED) seen.add(outcome.name());
      }
    }

    @Override
    public void leave(String file, int depth) {
      seen.add("end " + file);
    }
  }

  private static List<String> walk(String text, Map<String, String> files, int maxDepth, boolean once) {
    Record record = new Record();
    new IncludeWalk(p -> Optional.ofNullable(files.get(p)), maxDepth, once, record).text(text);
    return record.seen;
  }

  @Test
  void anIncludedFilesEntriesComeInPlaceBeforeTheRestOfTheLineEachWithItsFileLineAndDepth() {
    assertThat(walk("a ; @/f ; b\nc", Map.of("/f", "x\n@/g", "/g", "y"), 16, true)).containsExactly(
        ":1@0 a", ":1@0 @/f", "/f:1@1 x", "/f:2@1 @/g", "/g:1@2 y", "end /g", "end /f", ":1@0 b", ":2@0 c", "end ");
  }

  @Test
  void aMissingFileIsSaidAndTheWalkGoesOn() {
    assertThat(walk("@/none\na", Map.of(), 16, true)).containsExactly(":1@0 @/none", "MISSING", ":2@0 a", "end ");
  }

  @ParameterizedTest(name = "each file once: {0}")
  @CsvSource({"true, ITSELF, AGAIN", "false, TOO_DEEP, FOLLOWED"})
  void aFileNamedAgainIsRefusedOnlyByAWalkThatReadsEachFileOnce(boolean once, Outcome itself, Outcome again) {
    List<String> self = walk("@/self", Map.of("/self", "@/self"), 3, once);
    assertThat(self).contains(itself.name());
    List<String> twice = walk("@/a ; @/a", Map.of("/a", "x"), 3, once);
    assertThat(twice.stream().filter(s -> s.equals("/a:1@1 x")).count()).isEqualTo(again == Outcome.AGAIN ? 1 : 2);
    assertThat(twice.contains(Outcome.AGAIN.name())).isEqualTo(again == Outcome.AGAIN);
  }

  @Test
  void aFileIsReadAtMostMaxDepthDeep() {
    Map<String, String> chain = Map.of("/1", "@/2", "/2", "@/3", "/3", "z");
    assertThat(walk("@/1", chain, 3, true)).contains("/3:1@3 z").doesNotContain("TOO_DEEP");
    assertThat(walk("@/1", chain, 2, true)).contains("/2:1@2 @/3", "TOO_DEEP").doesNotContain("/3:1@3 z");
  }

  @Test
  void aChainAsLongAsTheInputCostsNoJavaStack() {
    // /1 names /2, … without end: a recursive walk would overflow its stack long before the bound.
    Function<String, Optional<String>> endless = p -> Optional.of("@/" + (Integer.parseInt(p.substring(1)) + 1));
    Record record = new Record();
    IncludeWalk walk = new IncludeWalk(endless, 200_000, true, record).text("@/1");
    assertThat(walk.filesRead()).hasSize(200_000);
    assertThat(record.seen).contains("TOO_DEEP");
  }

  @Test
  void aFileThatNixWouldRefuseWholeIsEnteredButNotRead() {
    List<String> seen = new ArrayList<>();
    IncludeWalk.Visitor refuseB = new IncludeWalk.Visitor() {
      @Override
      public boolean enter(String file, String text) {
        return !file.equals("/b");
      }

      @Override
      public void entry(IncludeWalk.Entry e, IncludeWalk walk) {
        seen.add(e.file() + " " + e.text());
        if (e.text().startsWith("@")) walk.include(e.text().substring(1));
      }
    };
    IncludeWalk walk = new IncludeWalk(p -> Optional.of("inside " + p), 16, true, refuseB).file("/top", "@/a\n@/b");
    assertThat(seen).containsExactly("/top @/a", "/a inside /a", "/top @/b");
    assertThat(walk.filesRead()).containsExactly("/top", "/a", "/b");
  }
}
