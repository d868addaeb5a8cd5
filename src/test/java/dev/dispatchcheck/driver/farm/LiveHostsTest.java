package dev.dispatchcheck.driver.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.layout.HostKey;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.host.CommandResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A live builder's store, asked from the agent host as root the way its machines line reaches it. */
class LiveHostsTest {
  private static final String OUT = "/nix/store/mh1shrby4ga3fhlwyp3fffhzi3v0m3hz-probe-1";
  private static final String DRV = "/nix/store/1rdhzaqpj90z369sb8nrfnaqy2csfy2n-probe-1.drv";
  private static final LiveHosts.BuilderStore B1 = new LiveHosts.BuilderStore("b1", "ssh-ng://nixbuilder@b1");

  @Test
  void theStoreUriIsTheMachinesLinesProtocolUserKeyAndHostKey() {
    FarmPlan.StandIn s = new FarmPlan.StandIn("aarch64-linux-1.example.com", List.of("nixbuilder"), List.of("ssh-ng"),
        List.of("aarch64-linux"), List.of(), List.of("/etc/nix/id builder"), List.of(HostKey.of("c3NoLWVkMjU1MTk=")), false);
    assertThat(LiveHosts.storeOf(s).uri()).isEqualTo("ssh-ng://nixbuilder@aarch64-linux-1.example.com"
        + "?ssh-key=%2Fetc%2Fnix%2Fid%20builder&base64-ssh-public-host-key=c3NoLWVkMjU1MTk%3D");
    FarmPlan.StandIn plain = new FarmPlan.StandIn("b0", List.of("root"), List.of("ssh"), List.of("aarch64-linux"),
        List.of(), List.of(), List.of(), false);
    assertThat(LiveHosts.storeOf(plain).uri()).isEqualTo("ssh://root@b0");
  }

  @Test
  void aStoreHoldsTheOutputOnlyWithTheBuildsDeriver() {
    assertThat(LiveHosts.holds(B1, new CommandResult(0, DRV + "\n", ""), OUT, Optional.of(DRV))).contains(true);
    assertThat(LiveHosts.holds(B1, new CommandResult(0, "unknown-deriver\n", ""), OUT, Optional.of(DRV))).contains(true);
    assertThat(LiveHosts.holds(B1, new CommandResult(1, "", "error: path '" + OUT + "' is not valid\n"), OUT,
        Optional.of(DRV))).contains(false);
    assertThatThrownBy(() -> LiveHosts.holds(B1, new CommandResult(0, "/nix/store/x-other.drv\n", ""), OUT, Optional.of(DRV)))
        .isInstanceOf(HarnessError.class).hasMessageContaining("built from /nix/store/x-other.drv, not from the build's " + DRV);
  }

  @Test
  void aStoreRootCannotReachIsNotCounted() {
    assertThat(LiveHosts.holds(B1, new CommandResult(1, "", "ssh: connect to host b1 port 22: Connection refused\n"), OUT,
        Optional.of(DRV))).isEmpty();
  }
}
