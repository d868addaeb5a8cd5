package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NixSettingsTest {

  @Test
  void readsATableInKeyOrder() {
    NixSettings s = NixSettings.parse("# the agent's\nsubstituters =\nbuilders = ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -\n");
    assertThat(List.copyOf(s.asMap().keySet())).containsExactly("builders", "substituters");
    assertThat(s.asMap()).containsEntry("builders", "ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -")
        .containsEntry("substituters", "");
  }

  @Test
  void aMalformedLineFailsWithItsNumber() {
    assertThatThrownBy(() -> NixSettings.parse("builders = x\n\nnot a setting\n"))
        .hasMessageContaining("line 3").hasMessageContaining("not a setting");
  }

  @Test
  void anIncludeFailsWithItsNumber() {
    assertThatThrownBy(() -> NixSettings.parse("builders = x\ninclude /etc/nix/extra.conf\n"))
        .hasMessageContaining("nixSettings line 2").hasMessageContaining("includes no file");
  }

  @Test
  void aNameTwiceFailsWithTheSecondLine() {
    assertThatThrownBy(() -> NixSettings.parse("builders = x\nmax-jobs = 1\nbuilders = y\n"))
        .hasMessageContaining("nixSettings line 3").hasMessageContaining("'builders' is set a second time");
  }

  @Test
  void aNameThatIsAnOptionIsRefused() {
    assertThatThrownBy(() -> NixSettings.parse("--store = x\n")).hasMessageContaining("line 1").hasMessageContaining("not a setting's name");
  }

  @Test
  void noneIsEmpty() {
    assertThat(NixSettings.none().isEmpty()).isTrue();
    assertThat(NixSettings.parse("\n# nothing\n").isEmpty()).isTrue();
  }
}
