package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.layout.FarmSecret.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The farm's IdentityFiles that ssh -G lists for a stand-in, expanded as root's ssh expands them. */
class SshIdentitiesTest {
  static final FarmSecret BUILDER_KEY = id("~/.ssh/id_builder", 2);
  static final FarmSecret PER_HOST = id("%d/.ssh/id_%h_%r", 3);
  static final FarmSecret SECRETS = id("/run/secrets/%n", 4);

  private static FarmSecret id(String template, int line) {
    return new FarmSecret(Kind.SSH_IDENTITY, "agent", template, "agent/root/.ssh/config", line, "IdentityFile");
  }

  /** What OpenSSH 9.2 to 10.6 print, as the host images do: the values as written, after every block. */
  private static String sshG(String host, String... identityFiles) {
    StringBuilder out = new StringBuilder("user nixbuilder\nhostname " + host + "\nport 22\n");
    for (String f : identityFiles) out.append("identityfile ").append(f).append('\n');
    return out.toString();
  }

  @Test
  void eachListedIdentityOfTheFarmsIsExpandedForRoot() {
    Map<FarmSecret, String> offered = SshIdentities.offered(sshG("b.example.com", "~/.ssh/id_builder",
        "%d/.ssh/id_%h_%r", "/run/secrets/%n"), "b.example.com", List.of(BUILDER_KEY, PER_HOST, SECRETS));
    assertThat(offered).containsExactly(Map.entry(BUILDER_KEY, "/root/.ssh/id_builder"),
        Map.entry(PER_HOST, "/root/.ssh/id_b.example.com_nixbuilder"), Map.entry(SECRETS, "/run/secrets/b.example.com"));
  }

  @Test
  void sshsOwnDefaultsAndWhatTheHostIsNotOfferedAreNotTheFarms() {
    // No IdentityFile applies to this host: ssh lists its defaults, which the farm does not name.
    assertThat(SshIdentities.offered(sshG("c.example.com", "~/.ssh/id_rsa", "~/.ssh/id_ed25519"), "c.example.com",
        List.of(BUILDER_KEY, PER_HOST))).isEmpty();
    assertThat(SshIdentities.offered("", "c.example.com", List.of(BUILDER_KEY))).isEmpty();
  }

  @Test
  void anExpansionThatLeadsWhereNoKeyMayBeMadeIsLeftOut() {
    // A builder named "config" makes /root/.ssh/%h root's ssh configuration: no key is made there.
    FarmSecret byHost = id("~/.ssh/%h", 5);
    assertThat(SshIdentities.offered(sshG("config", "~/.ssh/%h"), "config", List.of(byHost))).isEmpty();
    assertThat(SshIdentities.offered(sshG("b", "~/.ssh/%h"), "b", List.of(byHost)))
        .containsExactly(Map.entry(byHost, "/root/.ssh/b"));
  }
}
