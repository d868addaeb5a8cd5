package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HostKeyTest {

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anOpenSshKeyLineOrBareKeyLooksLikeAKey() {
    assertThat(HostKey.of(Farm.HOST_KEY)).isEqualTo(new HostKey(Farm.HOST_KEY, true, true));
    String bare = Farm.KEY_LINE.split(" ")[1];
    assertThat(HostKey.of(b64(bare)).looksLikeKey()).isTrue();
    assertThat(HostKey.of(b64("ecdsa-sha2-nistp256 AAAAE2VjZHNh\n")).looksLikeKey()).isTrue();
  }

  @Test
  void paddingIsOptionalAsForNix() {
    String unpadded = Farm.HOST_KEY.replace("=", "");
    assertThat(HostKey.of(unpadded).decodes()).isTrue();
    assertThat(HostKey.of(unpadded).looksLikeKey()).isTrue();
  }

  @Test
  void notBase64OrNotAKey() {
    assertThat(HostKey.of("ssh-ed25519")).isEqualTo(new HostKey("ssh-ed25519", false, false));
    assertThat(HostKey.of(b64("hello world"))).extracting(HostKey::decodes, HostKey::looksLikeKey)
        .containsExactly(true, false);
  }
}
