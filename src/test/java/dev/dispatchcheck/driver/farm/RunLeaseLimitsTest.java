package dev.dispatchcheck.driver.farm;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.Test;

/** The lease container has no network and small limits: it sleeps, and the run touches a file in it. */
class RunLeaseLimitsTest {
  @Test
  void theLeaseHasNoNetworkAndSmallLimits() {
    HostConfig config = RunLease.hostConfig();
    assertThat(config.getNetworkMode()).isEqualTo("none");
    assertThat(config.getMemory()).isEqualTo(64L << 20);
    assertThat(config.getMemorySwap()).isEqualTo(config.getMemory());
    assertThat(config.getPidsLimit()).isEqualTo(32L);
    assertThat(config.getNanoCPUs()).isEqualTo(250_000_000L);
  }
}
