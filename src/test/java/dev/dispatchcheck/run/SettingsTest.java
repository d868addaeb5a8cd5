package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The environment, read once: defaults, values taken, and a bad value refused naming its variable (exit 2). */
class SettingsTest {
  @Test
  void anEmptyEnvironmentGivesTheDefaults() {
    Settings s = Settings.of(Map.of("HOME", "/home/op", "DISPATCHCHECK_MATRIX", "  "));
    assertThat(s.parallel()).isEmpty();
    assertThat(s.matrix()).as("a CI input left blank counts as unset").isEmpty();
    assertThat(s.runId()).isEmpty();
    assertThat(s.baseImagePrefix()).isEqualTo("dispatchcheck/debian");
    assertThat(s.lease()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.cacheRoot()).isEqualTo(Path.of("/home/op/.cache/dispatchcheck"));
  }

  @Test
  void setValuesAreTaken() {
    Settings s = Settings.of(Map.of("DISPATCHCHECK_PARALLEL", "2", "DISPATCHCHECK_MATRIX", "2.8/2.8",
        "DISPATCHCHECK_RUN_ID", "run-1-ab", "DISPATCHCHECK_BASE_IMAGE_PREFIX", "debian",
        "DISPATCHCHECK_LEASE_SECONDS", "45", "XDG_CACHE_HOME", "/c"));
    assertThat(s.parallel()).contains(2);
    assertThat(s.matrix()).contains("2.8/2.8");
    assertThat(s.runId()).contains("run-1-ab");
    assertThat(s.baseImagePrefix()).isEqualTo("debian");
    assertThat(s.lease()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.cacheRoot()).isEqualTo(Path.of("/c/dispatchcheck"));
    assertThat(Optional.of(s.environment().get("XDG_CACHE_HOME"))).contains("/c");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DISPATCHCHECK_PARALLEL|abc|DISPATCHCHECK_PARALLEL='abc' is not a whole number from 1 to 64",
      "DISPATCHCHECK_PARALLEL|0|DISPATCHCHECK_PARALLEL='0' is not a whole number from 1 to 64",
      "DISPATCHCHECK_LEASE_SECONDS|15|DISPATCHCHECK_LEASE_SECONDS='15' is not a whole number from 45 to 86400",
      "DISPATCHCHECK_RUN_ID|a b|DISPATCHCHECK_RUN_ID='a b' is not letters, digits",
      "DISPATCHCHECK_BASE_IMAGE_PREFIX|Debian;rm|DISPATCHCHECK_BASE_IMAGE_PREFIX='Debian;rm' is not an image name"})
  void aBadValueIsRefusedNamingItsVariable(String name, String value, String message) {
    assertThatThrownBy(() -> Settings.of(Map.of(name, value))).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
    assertThat(ExitCode.invalidInput(new IllegalArgumentException())).isTrue();
  }
}
