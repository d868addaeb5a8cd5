package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jar run alone gets the two settings Testcontainers reads from the environment only, unless the caller set them. */
class TestcontainersEnvironmentTest {
  @Test
  void whatTheCallerSetIsKept() {
    assertThat(TestcontainersEnvironment.missing(Map.of())).isEqualTo(TestcontainersEnvironment.NEEDED);
    assertThat(TestcontainersEnvironment.missing(Map.of("TESTCONTAINERS_RYUK_DISABLED", "false")))
        .containsOnlyKeys("TESTCONTAINERS_HOST_OVERRIDE");
    assertThat(TestcontainersEnvironment.missing(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true",
        "TESTCONTAINERS_HOST_OVERRIDE", " "))).containsOnlyKeys("TESTCONTAINERS_HOST_OVERRIDE");
  }
}
