package dev.dispatchcheck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void printableTextIsKeptAsItIs() {
    String text = "ssh-ng://nix@aarch64-linux-1.example.com aarch64-linux /root/.ssh/id_b # café, naïve, 日本";
    assertThat(Printable.escape(text)).isEqualTo(text);
    assertThat(Printable.isTextLine(text + "\t\r")).isTrue();
  }

  @Test
  void controlCharactersBecomeHexEscapes() {
    assertThat(Printable.escape("a\u001b[2Jb\u0000c\nd\te\u007f\u0085"))
        .isEqualTo("a\\x1b[2Jb\\x00c\\x0ad\\x09e\\x7f\\x85");
  }

  @Test
  void invisibleFormatCharactersAndBytesThatAreNotUtf8AreEscapedByCodePoint() {
    assertThat(Printable.escape("admin\u202Enigol\u200B")).isEqualTo("admin\\u{202e}nigol\\u{200b}");
    String decoded = new String(new byte[] {'a', (byte) 0xff, (byte) 0xc3, 'b'}, StandardCharsets.UTF_8);
    assertThat(Printable.escape(decoded)).isEqualTo("a\\u{fffd}\\u{fffd}b");
    assertThat(Printable.isTextLine(decoded)).isFalse();
  }

  @Test
  void whatEscapeReturnsIsItselfText() {
    byte[] random = new byte[4096];
    new java.util.Random(7).nextBytes(random);
    String escaped = Printable.escape(new String(random, StandardCharsets.UTF_8));
    assertThat(Printable.isTextLine(escaped)).isTrue();
    assertThat(escaped).doesNotContain("\t", "\r", "\n");
    assertThat(Printable.escape(escaped)).isEqualTo(escaped);
  }
}
