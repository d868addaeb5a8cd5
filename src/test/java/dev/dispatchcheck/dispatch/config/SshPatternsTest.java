package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshPatternsTest {

  @Test
  void aStarMatchesAnyRunAndAQuestionMarkOneCharacter() {
    assertThat(SshPatterns.matches("aarch64-linux-1.example.com", "*.example.com")).isTrue();
    assertThat(SshPatterns.matches("arm1", "arm?")).isTrue();
    assertThat(SshPatterns.matches("arm1", "*")).isTrue();
    assertThat(SshPatterns.matches("", "*")).isTrue();
    assertThat(SshPatterns.matches("a.b.c", "a*c")).isTrue();
  }

  @Test
  void whatAPatternDoesNotCoverDoesNotMatch() {
    assertThat(SshPatterns.matches("example.com", "*.example.com")).isFalse();
    assertThat(SshPatterns.matches("arm12", "arm?")).isFalse();
    assertThat(SshPatterns.matches("arm", "arm?")).isFalse();
    assertThat(SshPatterns.matches("a.b.d", "a*c")).isFalse();
  }

  @Test
  void caseCountsAsSshCountsIt() {
    assertThat(SshPatterns.matches("ARM1", "arm1")).isFalse();
    assertThat(SshPatterns.matches("arm1", "arm1")).isTrue();
  }

  @Test
  void aNegatedMatchDecidesAList() {
    assertThat(SshPatterns.list("bastion.example.com", "*.example.com,!bastion.example.com", false))
        .isEqualTo(SshPatterns.NEGATED);
    assertThat(SshPatterns.list("arm1.example.com", "*.example.com,!bastion.example.com", false))
        .isEqualTo(SshPatterns.MATCHED);
    assertThat(SshPatterns.list("other", "*.example.com,!bastion.example.com", false)).isEqualTo(SshPatterns.NONE);
  }

  @Test
  void aHostListLowersItsPatternsNotItsSubject() {
    assertThat(SshPatterns.list("arm1", "ARM1", true)).isEqualTo(SshPatterns.MATCHED);
    assertThat(SshPatterns.list("arm1", "ARM1", false)).isEqualTo(SshPatterns.NONE);
  }

  @Test
  void manyStarsEndQuickly() {
    String stars = "*a".repeat(1_000) + "b";
    assertThat(SshPatterns.matches("a".repeat(2_000), stars)).isFalse();
  }
}
