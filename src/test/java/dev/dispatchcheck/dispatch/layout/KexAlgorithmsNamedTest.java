package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a farm's ssh_config chooses the key exchange, so that the stand-ins offer every default one. */
class KexAlgorithmsNamedTest {
  @TempDir Path dir;

  @Test
  void aFarmWithoutSshConfigNamesNone() {
    assertThat(KexAlgorithmsNamed.in(Farm.in(dir).layout())).isEmpty();
  }

  @Test
  void otherKeywordsAndCommentsAreNotIt() {
    Farm farm = Farm.in(dir).agent("/etc/ssh/ssh_config", "# KexAlgorithms sntrup761x25519-sha512@openssh.com",
        "Host arm1", "  HostName aarch64-linux-1.example.com", "  HostKeyAlgorithms ssh-ed25519");
    assertThat(KexAlgorithmsNamed.in(farm.layout())).isEmpty();
  }

  @Test
  void rootsConfigNamesItInABlockWithTheKeywordInAnyCase() {
    Farm farm = Farm.in(dir).agent("/root/.ssh/config", "Host arm1", "  HostName aarch64-linux-1.example.com",
        "  kexalgorithms=sntrup761x25519-sha512@openssh.com");
    assertThat(KexAlgorithmsNamed.in(farm.layout())).contains("agent/root/.ssh/config:3");
  }

  @Test
  void aFileRootsConfigIncludesCounts() {
    Farm farm = Farm.in(dir).agent("/root/.ssh/config", "Include hardening")
        .agent("/root/.ssh/hardening", "Host *", "KexAlgorithms curve25519-sha256");
    assertThat(KexAlgorithmsNamed.in(farm.layout())).contains("agent/root/.ssh/hardening:2");
  }

  @Test
  void aSystemDropInCounts() {
    Farm farm = Farm.in(dir).agent("/etc/ssh/ssh_config.d/pq.conf", "KexAlgorithms sntrup761x25519-sha512@openssh.com");
    assertThat(KexAlgorithmsNamed.in(farm.layout())).contains("agent/etc/ssh/ssh_config.d/pq.conf:1");
  }
}
