package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownSettingsTest {

  private final KnownSettings known = KnownSettings.get();

  @Test
  void extraFormsExistOnlyForListsAndSets() {
    assertThat(known.unknownIn("builders")).isEmpty();
    assertThat(known.unknownIn("extra-builders")).containsExactly("2.8", "2.26", "2.34");
    assertThat(known.unknownIn("extra-trusted-users")).isEmpty();
    assertThat(known.unknownIn("extra-platforms")).isEmpty();
    assertThat(known.unknownIn("extra-experimental-features")).isEmpty();
    assertThat(known.unknownIn("extra-substituters")).isEmpty();
  }

  @Test
  void aliasesAreKnown() {
    assertThat(known.unknownIn("build-max-jobs")).isEmpty();
    assertThat(known.unknownIn("binary-caches")).isEmpty();
  }

  @Test
  void someSettingsComeAndGo() {
    assertThat(known.unknownIn("eval-system")).containsExactly("2.8");
    assertThat(known.unknownIn("external-builders")).containsExactly("2.8", "2.26");
    assertThat(known.unknownIn("enforce-determinism")).containsExactly("2.26", "2.34");
    // a darwin-only setting is unknown to the Linux builds the harness runs
    assertThat(known.unknownIn("darwin-log-sandbox-violations")).containsExactly("2.8", "2.26", "2.34");
  }
}
