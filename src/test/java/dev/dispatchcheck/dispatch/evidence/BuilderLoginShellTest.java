package dev.dispatchcheck.dispatch.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.log.MessageCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real Nix 2.26 log of the nologin scenario over ssh-ng where Nix wrote its greeting
 * after the remote end had gone ("writing to file: Broken pipe"): the log alone cannot name
 * the login shell, the builder's passwd can.
 */
class BuilderLoginShellTest {
  private final DispatchRecord brokenPipe = DispatchLogParser.parseInternalJson(
      read("/nix-2.26/real/nologin-ssh-ng-broken-pipe.json.log"), "", Optional.of(1), MessageCatalogue.of("2.26"));

  @Test
  void theLogAloneSaysOnlyThatTheBuildersEndClosedFirst() {
    assertThat(brokenPipe.error()).contains(ErrorClass.REMOTE_CLOSED_EARLY);
    assertThat(brokenPipe.errorLine()).hasValueSatisfying(l -> assertThat(l).contains("cannot build on 'ssh-ng://nix@aarch64-linux-0'"));
  }

  @Test
  void aShellThatRunsNoCommandsIsTheCauseAndTheEvidenceSaysWhereThatCameFrom() {
    DispatchRecord r = brokenPipe.withBuilderLoginShell("aarch64-linux-0", "nix", "/usr/sbin/nologin");
    assertThat(r.error()).contains(ErrorClass.REMOTE_LOGIN_SHELL);
    assertThat(r.evidenceText()).contains("builder account: aarch64-linux-0: the login shell of nix is /usr/sbin/nologin");
    assertThat(brokenPipe.withBuilderLoginShell("b", "nix", "/bin/false").error()).contains(ErrorClass.REMOTE_LOGIN_SHELL);
  }

  @Test
  void aShellThatRunsCommandsLeavesTheCauseUnknownToTheLog() {
    DispatchRecord r = brokenPipe.withBuilderLoginShell("aarch64-linux-0", "nix", "/bin/bash");
    assertThat(r.error()).contains(ErrorClass.REMOTE_CLOSED_EARLY);
    assertThat(r.evidenceText()).contains("the login shell of nix is /bin/bash");
    assertThat(brokenPipe.withBuilderLoginShell("aarch64-linux-0", "nix", "").evidenceText()).contains("no such user");
  }

  @Test
  void anotherCauseIsNotTurnedIntoTheLoginShell() {
    DispatchRecord untrusted = DispatchLogParser.parseInternalJson(read("/nix-2.26/real/untrusted-ssh-user.json.log"), "",
        Optional.of(1), MessageCatalogue.of("2.26"));
    assertThat(untrusted.withBuilderLoginShell("aarch64-linux-0", "nix", "/usr/sbin/nologin").error())
        .contains(ErrorClass.REMOTE_USER_NOT_TRUSTED);
  }

  private static String read(String resource) {
    try (InputStream in = BuilderLoginShellTest.class.getResourceAsStream(resource)) {
      return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
