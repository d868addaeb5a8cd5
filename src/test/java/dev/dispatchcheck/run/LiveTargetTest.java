package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LiveTargetTest {
  private static final Path KNOWN = Path.of("known_hosts");

  private static LiveTarget parse(String text) {
    return LiveTarget.parse(text, Optional.empty(), KNOWN);
  }

  @Test
  void userHostAndPortAreRead() {
    LiveTarget t = parse("ssh://ops@agent.example.com:2222");
    assertThat(t.user()).contains("ops");
    assertThat(t.host()).isEqualTo("agent.example.com");
    assertThat(t.port()).isEqualTo(OptionalInt.of(2222));
    assertThat(t.shown()).isEqualTo("ssh://ops@agent.example.com:2222");
    LiveTarget bare = parse("ssh://agent");
    assertThat(bare.user()).isEmpty();
    assertThat(bare.port()).isEmpty();
    assertThat(parse("ssh://root@[fd00::2]:22").host()).isEqualTo("fd00::2");
    assertThat(parse("ssh://root@[fd00::2]:22").shown()).isEqualTo("ssh://root@[fd00::2]:22");
  }

  /** Nothing that ssh could read as an option, and nothing but ssh://[user@]host[:port]. */
  @Test
  void anythingElseIsInvalidInput() {
    for (String bad : new String[] {"agent.example.com", "ssh://-oProxyCommand=touch%20x", "ssh://root@-oProxyCommand=x",
        "ssh://-l@agent", "ssh-ng://agent", "ssh://agent:0", "ssh://agent:70000", "ssh://agent/etc", "ssh://a b",
        "ssh://agent?x=y", "ssh://root@agent\n"}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("AGENT");
    }
    assertThatThrownBy(() -> parse("ssh://agent\u001b[31m")).hasMessageContaining("\\x1b").hasMessageNotContaining("\u001b");
  }
}
