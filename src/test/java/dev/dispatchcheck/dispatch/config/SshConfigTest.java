package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SshConfigTest {

  private static SshConfig.Line only(String text) {
    List<SshConfig.Line> lines = SshConfig.parse(text).lines();
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  @Test
  void aKeywordIsSeparatedByWhitespaceOrOneEqualsSign() {
    for (String text : List.of("ProxyCommand nc %h %p", "ProxyCommand=nc %h %p", "ProxyCommand = nc %h %p",
        "  ProxyCommand\t=  nc %h %p  ", "\"ProxyCommand\" nc %h %p")) {
      SshConfig.Line l = only(text);
      assertThat(l.is("proxycommand")).as(text).isTrue();
      assertThat(l.rest()).as(text).isEqualTo("nc %h %p");
    }
  }

  @Test
  void keywordsAreCaseInsensitiveAndKeptAsWritten() {
    SshConfig.Line l = only("PROXYcommand nc");
    assertThat(l.is("ProxyCommand")).isTrue();
    assertThat(l.keyword()).isEqualTo("PROXYcommand");
    assertThat(l.is("ProxyJump")).isFalse();
  }

  @Test
  void commentsAndBlankLinesHoldNoKeyword() {
    SshConfig config = SshConfig.parse("# ProxyCommand nc\n   #LocalCommand x\n\n \t\nHost *\n  User nix # a comment\n");
    assertThat(config.lines()).extracting(SshConfig.Line::keyword).containsExactly("Host", "User");
    assertThat(config.lines()).extracting(SshConfig.Line::number).containsExactly(5, 6);
    assertThat(config.lines().get(1).args()).containsExactly("nix");
  }

  @Test
  void argumentsAreSplitAsOpenSshDoesWithQuotesAndEscapes() {
    assertThat(SshConfig.split("a \"b c\" 'd \"e\"' f\\ g h\\\"i # j")).containsExactly("a", "b c", "d \"e\"", "f g", "h\"i");
    assertThat(SshConfig.split("x\"y z\"w")).containsExactly("xy zw");
    assertThat(SshConfig.split("\"unclosed quote")).containsExactly("unclosed quote");
  }

  @Test
  void aMatchExecRunsItsCommandQuotedOrNotNegatedOrNot() {
    assertThat(SshConfig.execs(only("Match host X exec \"test ! -d /opt/dispatchcheck\""))).containsExactly("test ! -d /opt/dispatchcheck");
    assertThat(SshConfig.execs(only("match EXEC 'a b' !exec c"))).containsExactly("a b", "c");
    assertThat(SshConfig.execs(only("Match=canonical final exec true"))).containsExactly("true");
    assertThat(SshConfig.execs(only("Match all"))).isEmpty();
  }

  @Test
  void aWordExecThatIsAnotherCriterionsArgumentRunsNothing() {
    assertThat(SshConfig.execs(only("Match host exec user exec"))).isEmpty();
    assertThat(SshConfig.execs(only("Host exec"))).isEmpty();
    assertThat(SshConfig.execs(only("Match exec"))).isEmpty();
  }

  @Test
  void aBlockRunsToTheNextHostOrMatchLine() {
    SshConfig config = SshConfig.parse("Host a\n  User x\nMatch exec true\n  HostName b\n  port 2\nhost c\n  User y\n");
    assertThat(config.block(3)).extracting(SshConfig.Line::keyword).containsExactly("HostName", "port");
    assertThat(config.block(6)).extracting(SshConfig.Line::keyword).containsExactly("User");
  }
}
