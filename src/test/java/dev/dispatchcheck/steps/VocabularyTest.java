package dev.dispatchcheck.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder names are host names, in every phrase, and each phrase reads its words back. */
class VocabularyTest {

  @ParameterizedTest
  @ValueSource(strings = {"aarch64-linux-1", "aarch64-linux-1.example.com", "nix@aarch64-linux-1.example.com",
      "AArch64-Linux-1.Example.COM", "builder"})
  void anyHostNameAMachinesFileMayHoldIsABuilder(String name) {
    assertThat(Pattern.compile(Vocabulary.VERDICT).matcher("the agent's build went to " + name).matches()).isTrue();
  }

  @Test
  void aPhraseCapturesEachNounOnce() {
    Matcher m = captured(Vocabulary.EVERY_FOR_SYSTEM_WENT_TO,
        "every build of the agent for aarch64-linux went to nix@aarch64-linux-1.example.com");
    assertThat(m.group(1)).isEqualTo("the agent");
    assertThat(m.group(2)).isEqualTo("aarch64-linux");
    assertThat(ParameterTypes.hostOf(m.group(3))).isEqualTo("aarch64-linux-1.example.com");
  }

  @Test
  void aProcessPhraseReadsBackItsCommandHostAndSeconds() {
    Matcher m = captured(Vocabulary.PROCESS_STILL_RUNNING,
        "a process \"nix-store --serve --write\" is still running on aarch64-linux-0 after 2 seconds");
    assertThat(m.group(1)).isEqualTo("\"nix-store --serve --write\"");
    assertThat(ParameterTypes.hostOf(m.group(2))).isEqualTo("aarch64-linux-0");
    assertThat(m.group(3)).isEqualTo("2");
  }

  /** {@code text} read by the capturing form of {@code phrase}, which must match it whole. */
  private static Matcher captured(String phrase, String text) {
    Matcher m = Pattern.compile(Vocabulary.capturing(phrase)).matcher(text);
    assertThat(m.matches()).as(text).isTrue();
    return m;
  }

  @Test
  void aSelfCheckIsNotAVerdictPhrase() {
    assertThat(Pattern.compile(Vocabulary.VERDICT).matcher(
        "the verdict that the agent's build went to b-1 is a failure saying \"x\"").matches()).isFalse();
  }

  @Test
  void aHostOfThousandsOfLabelsIsMatchedWithoutRecursion() {
    Pattern verdict = Pattern.compile(Vocabulary.VERDICT);
    assertThat(verdict.matcher("the agent's build went to " + "a.".repeat(100_000) + "a").matches()).isTrue();
    assertThat(verdict.matcher("the agent's build went to " + "a.".repeat(100_000) + "!").matches()).isFalse();
    assertThat(verdict.matcher("the builds of root went to a.b and c.d, one each").matches()).isTrue();
  }
}
