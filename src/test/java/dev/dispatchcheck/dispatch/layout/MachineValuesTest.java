package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.MachinesFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineValuesTest {

  private static List<String> errors(String line) {
    return MachineValues.errors(MachinesFile.parse(line).machines().get(0));
  }

  @Test
  void theGuidesLinesAndOrdinaryFormsAreAccepted() {
    assertThat(errors("ssh-ng://nixbuilder@aarch64-linux-1.example.com aarch64-linux /etc/nix/id_builder 4 1 big-parallel")).isEmpty();
    assertThat(errors("ssh://root@10.0.0.7:2222?ssh-key=/root/.ssh/id_b&remote-program=/nix/bin/nix-daemon&compress=true"
        + " x86_64-linux,i686-linux,armv7l-linux - - - kvm,nixos-test,gccarch-armv8-a,benchmark")).isEmpty();
    assertThat(errors("b x86_64-linux")).isEmpty();
    assertThat(errors("ssh://_svc-build$@B1 riscv64-linux")).isEmpty();
    assertThat(errors("ssh://" + "a".repeat(63) + "." + "b".repeat(63) + " x86_64-linux")).isEmpty();
  }

  @Test
  void aHostNameMustBeRfc1123() {
    for (String host : List.of("a$(touch${IFS}x).example.com", "a`id`", "-lead.example.com", "trail-.example.com",
        "a..b", "example.com.", "a_b", "a".repeat(64), ("abc." + "a".repeat(60) + ".").repeat(4) + "com", "b\u00e9")) {
      assertThat(errors("ssh://" + host + " x86_64-linux")).as(host).singleElement().asString()
          .startsWith("builder host name '").contains("is not an RFC 1123 host name");
    }
  }

  @Test
  void anSshUserMustBeALoginName() {
    for (String user : List.of("$(id)", "a'b", "1abc", "a.b", "x".repeat(33), "a$b", "")) {
      assertThat(errors("ssh-ng://" + user + "@b x86_64-linux")).as(user).singleElement().asString()
          .startsWith("SSH user '" + user + "'").contains("is not a login name");
    }
  }

  @Test
  void aStoreUriThatIsNotUserAtHostPortQueryIsAnError() {
    assertThat(errors("ssh://b/path x86_64-linux")).singleElement().asString().contains("is not [ssh:// or ssh-ng://]");
    assertThat(errors("ssh://b:22x x86_64-linux")).containsExactly("port '22x' of ssh://b:22x is not a number from 1 to 65535");
    assertThat(errors("ssh://b:70000 x86_64-linux")).singleElement().asString().startsWith("port '70000'");
  }

  @Test
  void uriParametersAreOneSafeWordEach() {
    assertThat(errors("ssh://b?remote-program=$(touch${IFS}x) x86_64-linux")).singleElement().asString()
        .startsWith("parameter 'remote-program=$(touch${IFS}x)' of ");
    assertThat(errors("ssh://b?ssh-key=id_b x86_64-linux")).singleElement().asString()
        .startsWith("ssh-key 'id_b' of ssh://b?ssh-key=id_b is a relative path");
    assertThat(errors("ssh://b?ssh-key=/root/../etc/shadow x86_64-linux")).singleElement().asString()
        .contains("without '..'");
    assertThat(errors("ssh://b?x x86_64-linux")).hasSize(1);
  }

  @Test
  void aKeyPathIsAbsoluteOfSafeCharactersWithoutDotDot() {
    assertThat(errors("ssh://b x86_64-linux .ssh/id")).singleElement().asString().contains("is a relative path");
    for (String key : List.of("/root/$(id)", "/root/../etc/shadow", "/root/id`x`", "/root/i'd", "/root/\u00e9")) {
      assertThat(errors("ssh://b x86_64-linux " + key)).as(key).singleElement().asString()
          .isEqualTo("ssh key '" + key + "' of ssh://b is not an absolute path of letters, digits and . _ / + - without '..'");
    }
  }

  @Test
  void systemsAreArchOsAndFeaturesAreWords() {
    assertThat(errors("ssh://b aarch64-linux,$(id),x86_64")).containsExactly(
        "system '$(id)' is not an arch-os system name such as aarch64-linux",
        "system 'x86_64' is not an arch-os system name such as aarch64-linux");
    assertThat(errors("ssh://b x86_64-linux - - - kvm,a'b - -")).containsExactly(
        "feature 'a'b' is not a feature name (letters, digits and . _ + -)");
    assertThat(errors("ssh://b x86_64-linux - - - - $x")).singleElement().asString().startsWith("feature '$x'");
  }

  @Test
  void aKeyFileLiesWhereAFarmMayPutKeys() {
    for (String key : List.of("/etc/nix/id_builder", "/root/.ssh/id_b", "/var/lib/hercules-ci-agent/.ssh/id_b",
        "/etc/nix/keys/builder", "/root/.ssh/./id_b")) {
      assertThat(errors("ssh://b x86_64-linux " + key)).as(key).isEmpty();
    }
    // '..' could lead out of them: refused whatever it resolves to.
    assertThat(errors("ssh://b x86_64-linux /root/.ssh/../../etc/x")).singleElement().asString().endsWith("without '..'");
    assertThat(errors("ssh://b x86_64-linux /root/.ssh/../.ssh/id_b")).singleElement().asString().endsWith("without '..'");
  }

  @Test
  void aKeyFileOutsideTheKeyDirectoriesIsAnError() {
    assertThat(errors("ssh://b x86_64-linux /etc/ld.so.preload")).containsExactly("ssh key '/etc/ld.so.preload' of"
        + " ssh://b lies outside the directories a key file may be in (/etc/nix/, /root/.ssh/, /var/lib/hercules-ci-agent/):"
        + " dispatchcheck makes a fresh key at that path on the agent host, as root");
    for (String key : List.of("/etc/sudoers.d/x", "/usr/local/bin/nix-build", "/etc/nix", "/etc/ssh/ssh_config.d/x.conf",
        "/root/.config/nix/nix.conf", "/tmp/id", "/etc/hosts", "/etc//nixos/id")) {
      assertThat(errors("ssh://b x86_64-linux " + key)).as(key).singleElement().asString().contains("lies outside");
    }
  }

  @Test
  void aKeyFileMayNotNameAFileThatNixSshOrTheHarnessUses() {
    assertThat(errors("ssh://b x86_64-linux /root/.ssh/authorized_keys")).containsExactly("ssh key"
        + " '/root/.ssh/authorized_keys' of ssh://b names a file that Nix, ssh or dispatchcheck itself reads or writes"
        + " (/root/.ssh/authorized_keys): dispatchcheck makes a fresh key at that path (and its .pub) on the agent host,"
        + " as root, which would replace it");
    for (String key : List.of("/etc/nix/nix.conf", "/etc/nix/machines", "/etc/nix//nix.conf", "/root/.ssh/./config",
        "/root/.ssh/id_ed25519", "/root/.ssh/known_hosts", "/var/lib/hercules-ci-agent/.config/nix/nix.conf",
        "/var/lib/hercules-ci-agent/work/x", "/var/lib/hercules-ci-agent/.ssh/authorized_keys")) {
      assertThat(errors("ssh://b x86_64-linux " + key)).as(key).singleElement().asString().contains("names a file that");
    }
  }

  @Test
  void aBareEntryIsAnSshHostValidatedAsOne() {
    assertThat(errors("b.example.com x86_64-linux")).isEmpty();
    assertThat(errors("nix@b.example.com:2222 x86_64-linux")).isEmpty();
    assertThat(errors("b_x.example.com x86_64-linux")).singleElement().asString().startsWith("builder host name 'b_x.example.com'");
    assertThat(errors("$(id) x86_64-linux")).singleElement().asString().startsWith("builder host name '$(id)'");
    assertThat(errors("$(touch${IFS}/tmp/x) x86_64-linux")).containsExactly("store URI '$(touch${IFS}/tmp/x)' has no"
        + " scheme and holds a '/': Nix prepends ssh:// only to a bare host name, and reads this as the path of a local"
        + " store, relative to the working directory of the Nix process that reads it; write ssh://HOST for a builder over SSH");
    assertThat(errors("/mnt/store x86_64-linux")).as("an absolute path is a local store, not an error").isEmpty();
  }

  @Test
  void aStoreWordWithAPathParameterIsAStoreNotARelativePath() {
    // local?root=/x is a local store rooted at /x (StoreUri: a store word keeps its scheme whatever its parameters hold).
    assertThat(errors("local?root=/x x86_64-linux")).isEmpty();
    assertThat(errors("daemon?root=/x x86_64-linux")).isEmpty();
    assertThat(errors("./rel/store x86_64-linux")).singleElement().asString()
        .startsWith("store URI './rel/store' has no scheme and holds a '/'");
    assertThat(errors("localhost/store x86_64-linux")).singleElement().asString()
        .startsWith("store URI 'localhost/store' has no scheme and holds a '/'");
  }

  /**
   * An IPv6 address has no stand-in (issue 21: it is a warning, and its cells are not stood in), so none of its URI's
   * values reaches the harness; what only looks like one is still a host name, and refused.
   */
  @Test
  void anIpv6HostIsNamedWholeAndHasNoStandInWhoseNameItCouldBe() {
    assertThat(errors("ssh://[::1] x86_64-linux")).isEmpty();
    assertThat(errors("ssh-ng://nix@[2001:db8::5]:2222 x86_64-linux")).isEmpty();
    assertThat(errors("ssh://fd00::1 x86_64-linux")).isEmpty();
    assertThat(errors("ssh://[::zz] x86_64-linux")).containsExactly("builder host name '[::zz]' is not an RFC 1123 host"
        + " name (letters, digits, '-' and '.'; labels of 1 to 63 characters that neither start nor end with '-'; at most"
        + " 253 characters)");
    assertThat(errors("ssh://nix@[g::1]:22 x86_64-linux")).singleElement().asString().startsWith("builder host name '[g::1]'");
  }

  @Test
  void aLongSystemNameIsMatchedWithoutRecursion() {
    String system = "a" + "-b".repeat(1 << 19);
    assertThat(errors("ssh://b " + system)).isEmpty();
    assertThat(errors("ssh://b " + system + "-")).singleElement().asString().contains("is not an arch-os system name");
  }
}
