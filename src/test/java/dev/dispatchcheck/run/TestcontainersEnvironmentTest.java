package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

  @Test
  void theRunGetsTheLaunchersJvmFlagsUnlessTheCallerChoseItsOwn() {
    assertThat(TestcontainersEnvironment.jvmFlags(List.of())).containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    assertThat(TestcontainersEnvironment.jvmFlags(List.of("-Xmx1g", "-XX:+UseG1GC"))).containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(TestcontainersEnvironment.jvmFlags(List.of("-XX:TieredStopAtLevel=4", "-XX:+UseParallelGC"))).isEmpty();
    assertThat(TestcontainersEnvironment.jvmFlags(List.of("-XX:-TieredCompilation"))).containsExactly("-XX:+UseSerialGC");
  }
}
