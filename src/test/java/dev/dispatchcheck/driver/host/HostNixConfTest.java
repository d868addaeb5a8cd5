package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.NixConf;
import org.junit.jupiter.api.Test;

class HostNixConfTest {
  @Test
  void theRoleComesFirstAndTheBasicsLastSoTheyWin() {
    HostNixConf conf = new HostNixConf();
    conf.setRole("max-jobs = 1\n");
    String text = conf.compose(NixConf.parse("substituters = https://cache.example\n"));
    assertThat(text.indexOf("max-jobs = 1")).isLessThan(text.indexOf("substituters = https://cache.example"));
    assertThat(text.lastIndexOf("substituters =")).isGreaterThan(text.indexOf("substituters = https://cache.example"));
    assertThat(text).endsWith(HostNixConf.BASICS.render());
  }

  @Test
  void aResetHostHasNoRole() {
    HostNixConf conf = new HostNixConf();
    conf.setRole("max-jobs = 1\n");
    conf.clearRole();
    assertThat(conf.compose(NixConf.empty())).doesNotContain("max-jobs").doesNotContain("# role");
  }
}
