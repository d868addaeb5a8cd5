package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import dev.dispatchcheck.driver.ContainerLimits;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * Every host is created with memory, pids and CPU limits, no swap beyond its memory, and a
 * resolver that gives a name outside the farm up after one second.
 */
class HostLimitsTest {
  @Test
  void aHostIsCreatedWithItsNameAndTheLimits() {
    HostConfig config = HostConfig.newHostConfig();
    String[] hostname = new String[1];
    CreateContainerCmd cmd = (CreateContainerCmd) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {CreateContainerCmd.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getHostConfig" -> config;
          case "withHostName" -> {
            hostname[0] = (String) args[0];
            yield proxy;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
    assertThat(HostContainer.configured(cmd, "aarch64-linux-1.example.com")).isSameAs(cmd);
    assertThat(hostname[0]).isEqualTo("aarch64-linux-1.example.com");
    assertThat(config.getMemory()).isEqualTo(2L << 30);
    assertThat(config.getMemorySwap()).isEqualTo(config.getMemory());
    assertThat(config.getPidsLimit()).isEqualTo(4096L);
    assertThat(config.getNanoCPUs()).isEqualTo(1_000_000_000L);
    assertThat(config.getMemory()).isEqualTo(ContainerLimits.HOST_MEMORY);
    assertThat(config.getDnsOptions()).containsExactly("timeout:1", "attempts:1");
  }
}
