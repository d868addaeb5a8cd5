package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NixConfTest {

  @Test
  void parsesSettingsIncludesAndComments() {
    NixConf c = NixConf.parse(String.join("\n",
        "# agent dotfile",
        "builders = @/var/lib/hercules-ci-agent/.config/nix/machines  # only -1",
        "builders =",
        "extra-builders = ssh://x aarch64-linux",
        "include /etc/nix/extra.conf",
        "!include /etc/nix/optional.conf"));
    assertThat(c.entries()).hasSize(5);
    assertThat(c.get("builders")).contains("");
    assertThat(c.get("extra-builders")).contains("ssh://x aarch64-linux");
    assertThat(c.entries().get(3)).isEqualTo(new NixConf.Include("/etc/nix/extra.conf", false));
    assertThat(c.entries().get(4)).isEqualTo(new NixConf.Include("/etc/nix/optional.conf", true));
  }

  @Test
  void emptyValueIsKept() {
    assertThat(NixConf.parse("substituters =").render()).isEqualTo("substituters = \n");
  }

  @Test
  void rendersInOrderAndReparsesToTheSame() {
    NixConf c = NixConf.parse("a = 1\ninclude /x\nb = two words\n");
    assertThat(c.render()).isEqualTo("a = 1\ninclude /x\nb = two words\n");
    assertThat(NixConf.parse(c.render()).entries()).isEqualTo(c.entries());
  }

  @Test
  void lineWithoutEqualsIsRejectedWithItsNumber() {
    assertThatThrownBy(() -> NixConf.parse("a = 1\nbuilders\n"))
        .hasMessageContaining("line 2").hasMessageContaining("'builders'");
  }
}
