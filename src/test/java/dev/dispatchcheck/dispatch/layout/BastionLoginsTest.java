package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.layout.BastionLogins.Login;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of root's keys a farm's bastion lets in: by their public halves, in its authorized_keys. */
class BastionLoginsTest {
  static final String JUMP_PUB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC9zFHXNrAHNm8Fa3VrN8h/6CP8yxgzYaArjXzDIkzPm root@agent";
  static final String OLD_PUB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBBWahZrvtzgrCfoICtF5AljsedkzuG9fsVUAEJhFnWF root@old";
  static final String KEYS = "bastions/bastion.example.com/home/jump/.ssh/authorized_keys";

  @TempDir Path dir;

  private Farm farm(String... rootConfig) {
    return Farm.in(dir).agent("/etc/nix/machines", "ssh-ng://nix@a.example.com aarch64-linux /etc/nix/id_builder")
        .agent("/root/.ssh/config", rootConfig);
  }

  private Farm bastionFarm() {
    return farm("Host bastion.example.com", "  User jump", "  IdentityFile /root/.ssh/id_jump",
        "Host *.example.com !bastion.example.com", "  ProxyJump bastion.example.com")
        .agent("/root/.ssh/id_jump.pub", JUMP_PUB);
  }

  private static Login only(FarmLayout layout) {
    List<FarmPlan.Bastion> bastions = FarmPlan.of(layout).bastions();
    assertThat(bastions).hasSize(1);
    assertThat(bastions.get(0).logins()).hasSize(1);
    return bastions.get(0).logins().get(0);
  }

  @Test
  void aKeyWhosePublicHalfTheBastionListsIsAccepted() {
    Login l = only(bastionFarm().file(KEYS, "# ops", "restrict,port-forwarding " + JUMP_PUB).layout());
    assertThat(l.offered()).containsExactly("/root/.ssh/id_jump");
    assertThat(l.accepted()).containsExactly("/root/.ssh/id_jump");
    assertThat(l.farmFile()).contains(KEYS);
    assertThat(Lint.check(bastionFarm().file(KEYS, JUMP_PUB).layout())).extracting(Finding::file).doesNotContain(KEYS);
  }

  @Test
  void aKeyItDoesNotListIsRefusedAndLintSaysSo() {
    FarmLayout layout = bastionFarm().file(KEYS, OLD_PUB).layout();
    Login l = only(layout);
    assertThat(l.accepted()).isEmpty();
    assertThat(l.note()).isEqualTo("bastion.example.com (as jump): none of the keys ssh offers it (/root/.ssh/id_jump) is in "
        + KEYS + ", so the stand-in bastion refuses root's ssh, as the real one will: every build through it fails there");
    assertThat(Lint.check(layout)).extracting(Finding::toString).contains(KEYS + ": warning: none of the keys root's ssh"
        + " offers bastion.example.com as jump (/root/.ssh/id_jump) is listed here: the bastion refuses root's ssh, and"
        + " every build through it fails there");
  }

  @Test
  void withoutAuthorizedKeysTheBastionIsTakenToAcceptWhatSshOffers() {
    Login l = only(bastionFarm().layout());
    assertThat(l.accepted()).containsExactly("/root/.ssh/id_jump");
    assertThat(l.farmFile()).isEmpty();
  }

  @Test
  void withoutAnIdentityFileSshOffersRootsOwnKeyKnownByAnyDefaultName() {
    Farm farm = farm("Host *.example.com !bastion.example.com", "  ProxyJump bastion.example.com")
        .file("bastions/bastion.example.com/root/.ssh/authorized_keys", JUMP_PUB);
    assertThat(only(farm.layout()).offered()).containsExactly("/root/.ssh/id_ed25519");
    assertThat(only(farm.layout()).accepted()).as("no public half of root's key in the farm").isEmpty();
    assertThat(only(farm.layout()).unknown()).containsExactly("/root/.ssh/id_ed25519");
    farm.agent("/root/.ssh/id_rsa.pub", JUMP_PUB);
    assertThat(only(farm.layout()).accepted()).containsExactly("/root/.ssh/id_ed25519");
  }

  @Test
  void theNixKeyColumnIsNotOfferedToTheBastion() {
    Login l = only(farm("Host *.example.com !bastion.example.com", "  ProxyJump bastion.example.com").layout());
    assertThat(l.offered()).doesNotContain("/etc/nix/id_builder");
  }

  @Test
  void aKeysFileNoLoginUsesIsNamedAsNotRead() {
    assertThat(Lint.check(bastionFarm().file("bastions/other.example.com/root/.ssh/authorized_keys", JUMP_PUB).layout()))
        .extracting(Finding::toString).contains("bastions/other.example.com/root/.ssh/authorized_keys: warning: no route of"
            + " root's ssh logs in to a jump host with this file (its host and user are none of the bastions' logins), so"
            + " it is not read");
  }

  @Test
  void aKeyIsItsBase64WordWhateverItsOptionsAndComment() {
    assertThat(BastionLogins.blob("restrict,port-forwarding ssh-ed25519 AAAA x y")).contains("AAAA");
    assertThat(BastionLogins.blob("command=\"a b\" ecdsa-sha2-nistp256 BBBB")).contains("BBBB");
    assertThat(BastionLogins.blob("# a comment")).isEqualTo(Optional.empty());
    assertThat(BastionLogins.blob("")).isEmpty();
  }
}
