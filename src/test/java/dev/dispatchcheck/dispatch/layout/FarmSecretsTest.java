package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.layout.FarmSecret.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a repository never holds: found where the farm names it, stood in where the host needs it, its path checked. */
class FarmSecretsTest {
  static final String SYSTEM = "agent/etc/nix/nix.conf";

  @TempDir Path dir;

  private static List<FarmSecret> secrets(Farm farm) {
    return FarmSecrets.of(farm.layout(), FarmLimits.DEFAULT);
  }

  private static List<String> errors(Farm farm) {
    return Lint.check(farm.layout()).stream().filter(f -> f.severity() == Severity.ERROR)
        .map(f -> f.file() + ":" + f.line() + ": " + f.message()).toList();
  }

  @Test
  void aSigningKeyTheFarmDoesNotHoldIsAThrowawayNotedAtItsLine() {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "max-jobs = 4",
        "secret-key-files = /etc/nix/cache-priv-key.pem /run/secrets/second-key");
    assertThat(secrets(farm)).containsExactly(
        new FarmSecret(Kind.SIGNING_KEY, "agent", "/etc/nix/cache-priv-key.pem", SYSTEM, 2, "secret-key-files"),
        new FarmSecret(Kind.SIGNING_KEY, "agent", "/run/secrets/second-key", SYSTEM, 2, "secret-key-files"));
    assertThat(secrets(farm).get(0).note()).isEqualTo("agent/etc/nix/nix.conf:2: secret-key-files"
        + " '/etc/nix/cache-priv-key.pem': a throwaway signing key made by the harness (nix-store"
        + " --generate-binary-cache-key): the real one is a secret and not in the farm. The daemon signs what it builds"
        + " with it; a signature decides nothing of where a build goes");
    assertThat(errors(farm)).isEmpty();
  }

  @Test
  void aSigningKeyTheFarmHoldsIsDeployedAsItIs() {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "secret-key-files = /etc/nix/cache-priv-key.pem")
        .agent("/etc/nix/cache-priv-key.pem", "test-1:AAAA");
    assertThat(secrets(farm)).isEmpty();
  }

  @Test
  void aBuildersSigningKeyIsStoodInOnItsStandIn() {
    Farm farm = Farm.in(dir).builder("b.example.com", "extra-secret-key-files = /etc/nix/key.sec");
    assertThat(secrets(farm)).containsExactly(new FarmSecret(Kind.SIGNING_KEY, "b.example.com",
        "/etc/nix/key.sec", "builders/b.example.com/etc/nix/nix.conf", 1, "extra-secret-key-files"));
    assertThat(errors(farm)).isEmpty();
  }

  @Test
  void aBuildersSigningKeyWhereAStandInIsNotPutBackIsAnError() {
    Farm farm = Farm.in(dir).builder("b.example.com", "secret-key-files = /var/lib/nix-serve/key.sec");
    assertThat(errors(farm)).singleElement().satisfies(e -> assertThat(e).startsWith("builders/b.example.com/etc/nix/"
        + "nix.conf:1: secret-key-files '/var/lib/nix-serve/key.sec' lies outside the directories where dispatchcheck"
        + " makes a throwaway").endsWith("puts a stand-in back as it was between scenarios only there"));
  }

  @Test
  void anIncludeOfASecretIsAnEmptyThrowawayWhileAMissingConfigurationFileStaysAnError() {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "include /run/secrets/nix-access-tokens",
        "!include /run/agenix/netrc-conf", "include extra.conf");
    assertThat(secrets(farm)).containsExactly(
        new FarmSecret(Kind.INCLUDE, "agent", "/run/secrets/nix-access-tokens", SYSTEM, 1, "include"),
        new FarmSecret(Kind.OPTIONAL_INCLUDE, "agent", "/run/agenix/netrc-conf", SYSTEM, 2, "!include"));
    assertThat(errors(farm)).singleElement().satisfies(e -> assertThat(e).startsWith(SYSTEM + ":3: included file"
        + " '/etc/nix/extra.conf' is not in the farm"));
    assertThat(secrets(farm).get(1).note()).contains("Nix skips a missing !include, so the stand-ins read none of the"
        + " settings it holds on the real host");
  }

  @Test
  void aSecretsIncludeThatLeadsOutOfItsDirectoryIsAMissingFileAgain() {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "include /run/secrets/../../etc/shadow");
    assertThat(secrets(farm)).isEmpty();
    assertThat(errors(farm)).singleElement().satisfies(e -> assertThat(e).contains("'/etc/shadow' is not in the farm"));
  }

  @Test
  void aNetrcIsNotedAndNoThrowawayIsMade() {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf", "netrc-file = /etc/nix/netrc");
    assertThat(secrets(farm)).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(Kind.NETRC);
      assertThat(s.kind().throwaway).isFalse();
      assertThat(s.note()).contains("Nix goes without a missing netrc file");
    });
    assertThat(errors(farm)).isEmpty();
  }

  @Test
  void aThrowawaysPathMustBeASensibleOneAtItsLine() {
    Farm farm = Farm.in(dir).agent("/etc/nix/nix.conf",
        "secret-key-files = keys/cache.pem",
        "secret-key-files = /etc/nix/../../usr/local/bin/nix-build",
        "secret-key-files = /usr/local/bin/nix-build",
        "secret-key-files = /root/.config/nix/nix.conf",
        "secret-key-files = /etc/nix/key$(id)",
        "include /run/secrets/a;b");
    assertThat(errors(farm)).satisfiesExactly(
        e -> assertThat(e).startsWith(SYSTEM + ":1: secret-key-files 'keys/cache.pem' is a relative path"),
        e -> assertThat(e).startsWith(SYSTEM + ":2: secret-key-files '/etc/nix/../../usr/local/bin/nix-build' is not"
            + " an absolute path of letters, digits and . _ / + - without '..'"),
        e -> assertThat(e).startsWith(SYSTEM + ":3: secret-key-files '/usr/local/bin/nix-build' lies outside the"
            + " directories where dispatchcheck makes a throwaway"),
        e -> assertThat(e).startsWith(SYSTEM + ":4: secret-key-files '/root/.config/nix/nix.conf' names a file that"
            + " Nix, ssh or dispatchcheck reads as something else"),
        e -> assertThat(e).startsWith(SYSTEM + ":5: secret-key-files '/etc/nix/key$(id)' is not an absolute path"),
        e -> assertThat(e).startsWith(SYSTEM + ":6: include '/run/secrets/a;b' is not an absolute path"));
  }

  @Test
  void anIdentityFileOfTheFarmsSshConfigIsCheckedAsWhereAKeyIsMade() {
    Farm good = Farm.in(dir).agent("/root/.ssh/config", "Host *.example.com", "  IdentityFile ~/.ssh/id_builder",
        "  IdentityFile %d/.ssh/id_%h", "  IdentityFile none", "Host b", "  IdentityFile=/run/secrets/b-key");
    assertThat(secrets(good)).extracting(FarmSecret::path)
        .containsExactly("~/.ssh/id_builder", "%d/.ssh/id_%h", "/run/secrets/b-key");
    assertThat(errors(good)).isEmpty();
  }

  @Test
  void anIdentityFileWhereNoKeyMayBeMadeIsAnErrorAtItsLine() {
    Farm bad = Farm.in(dir).agent("/root/.ssh/config", "Host *", "  IdentityFile id_builder",
        "  IdentityFile ~/.ssh/%C", "  IdentityFile /usr/bin/ssh", "  IdentityFile ~/.ssh/config",
        "  IdentityFile ~/.ssh/../../etc/sudoers.d/x");
    assertThat(errors(bad)).satisfiesExactly(
        e -> assertThat(e).startsWith("agent/root/.ssh/config:2: IdentityFile 'id_builder' is a relative path"),
        e -> assertThat(e).startsWith("agent/root/.ssh/config:3: IdentityFile '~/.ssh/%C' uses %C, which dispatchcheck"
            + " does not expand"),
        e -> assertThat(e).startsWith("agent/root/.ssh/config:4: IdentityFile '/usr/bin/ssh' lies outside"),
        e -> assertThat(e).startsWith("agent/root/.ssh/config:5: IdentityFile '~/.ssh/config' names a file"),
        e -> assertThat(e).contains(":6: IdentityFile '~/.ssh/../../etc/sudoers.d/x' is not an absolute path"));
  }
}
