package dev.dispatchcheck.assertions;

import static dev.dispatchcheck.assertions.DispatchRecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchcheck.build.DispatchLogParser;
import dev.dispatchcheck.build.DispatchRecord;
import dev.dispatchcheck.build.ErrorClass;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each verdict passes on matching evidence and fails, naming what happened, on the rest. */
class DispatchRecordAssertTest {
  static final String DRV = "/nix/store/1rdhzaqpj90z369sb8nrfnaqy2csfy2n-probe-1.drv";
  static final String OUT = "/nix/store/mh1shrby4ga3fhlwyp3fffhzi3v0m3hz-probe-1";

  static DispatchRecord dispatchedTo(String builder, Map<String, Boolean> stores) {
    String log = "building '" + DRV + "' on 'ssh://" + builder + "'...\n" + OUT + "\n";
    return DispatchLogParser.parse(log, OUT + "\n", Optional.of(0)).withStores(stores);
  }

  static final Map<String, Boolean> ON_1 = Map.of("aarch64-linux-0", false, "aarch64-linux-1", true);

  @Test
  void wentToPassesWhenLogAndStoresAgree() {
    assertThat(dispatchedTo("aarch64-linux-1", ON_1), "the agent's build").wentTo("aarch64-linux-1");
  }

  @Test
  void wentToFailsNamingTheBuilderActuallyUsed() {
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", ON_1), "the agent's build")
        .wentTo("aarch64-linux-0"))
        .hasMessageContaining("expected the agent's build to be dispatched to aarch64-linux-0")
        .hasMessageContaining("but it was dispatched to aarch64-linux-1, succeeded")
        .hasMessageContaining("aarch64-linux-1 holds " + OUT);
  }

  @Test
  void logAndStoresDisagreeingIsAHarnessError() {
    Map<String, Boolean> on0 = Map.of("aarch64-linux-0", true, "aarch64-linux-1", false);
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", on0), "b").wentTo("aarch64-linux-1"))
        .hasMessageContaining("HARNESS ERROR")
        .hasMessageContaining("the client's log says aarch64-linux-1 built it, but the output is in the store of aarch64-linux-0");
  }

  @Test
  void storesUncheckedIsAHarnessError() {
    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-1", Map.of()), "b").wentTo("aarch64-linux-1"))
        .hasMessageContaining("no builder's store was checked");
  }

  @Test
  void failedBecausePassesOnThatCauseAndFailsOnASuccess() {
    DispatchRecord failed = DispatchLogParser.parse(
        "error: a 'aarch64-linux' with features {} is required to build '" + DRV + "', but I am a 'x86_64-linux'\n",
        "", Optional.of(1)).withStores(Map.of("aarch64-linux-0", false));
    assertThat(failed, "the agent's build").failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM);

    assertThatThrownBy(() -> assertThat(dispatchedTo("aarch64-linux-0", Map.of("aarch64-linux-0", true)), "the agent's build")
        .failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM))
        .hasMessageContaining("expected the agent's build to fail because no builder can build")
        .hasMessageContaining("but it was dispatched to aarch64-linux-0, succeeded");
  }

  @Test
  void wrongFailureCauseFails() {
    DispatchRecord hostKey = DispatchLogParser.parse(
        "cannot build on 'ssh://b': error: cannot connect to 'b': Host key verification failed.\n", "", Optional.of(1));
    assertThatThrownBy(() -> assertThat(hostKey, "x").failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM))
        .hasMessageContaining("the builder's SSH host key was not accepted");
  }
}
