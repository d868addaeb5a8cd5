package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LivePreflightTest {
  @Test
  void whatIsMissingIsSaidPlainly() {
    assertThat(LivePreflight.problems("missing:agent\nmissing:sudo\nmissing:nix\n")).containsExactly(
        "it has no user hercules-ci-agent (is the agent installed there?)",
        "it has no sudo (the guide's check runs 'sudo -u hercules-ci-agent')",
        "it has no Nix (no nix-build or nix-store on root's PATH)");
    assertThat(LivePreflight.problems("nix (Nix) 2.26.3\n")).isEmpty();
  }

  @Test
  void theVersionIsWhatNixSays() {
    assertThat(LivePreflight.version("nix (Nix) 2.26.3\n")).hasValueSatisfying(v -> assertThat(v.label()).isEqualTo("2.26.3"));
    assertThat(LivePreflight.version("nix (Nix) 2.8\n")).hasValueSatisfying(v -> assertThat(v.label()).isEqualTo("2.8"));
    assertThat(LivePreflight.version("bash: nix: command not found\n")).isEmpty();
  }
}
