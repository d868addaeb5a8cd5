package dev.dispatchcheck.driver.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostProcessTest {
  /** As procps prints pid=,etimes=,wchan:32=,args= on a builder that a cut-off client left behind. */
  private static final String PS = """
          1     320 do_wait                          /usr/bin/tini -- /usr/local/sbin/nix-host-init
        261      15 anon_pipe_write                  nix-store --serve --write
        266      15 -                                busybox sh -c echo start; $bb sleep 3
        290       9 poll_schedule_timeout.constprop. nix-store --serve --write
        300       0 -                                ps -eo pid=,etimes=,wchan:32=,args=
      """;

  @Test
  void eachLineIsAProcessWithItsArguments() {
    var all = HostProcess.parse(PS);
    assertThat(all).hasSize(5);
    assertThat(all.get(1)).isEqualTo(new HostProcess(261, 15, "anon_pipe_write", "nix-store --serve --write"));
    assertThat(all.get(2).command()).isEqualTo("busybox sh -c echo start; $bb sleep 3");
    assertThat(all.get(1).toString()).isEqualTo("pid 261, running for 15 s, waiting in anon_pipe_write: nix-store --serve --write");
  }

  @Test
  void aCommandRunsWhenItIsTheWholeLineOrItsStart() {
    var p = new HostProcess(1, 1, "-", "nix-daemon --stdio");
    assertThat(p.runs("nix-daemon --stdio")).isTrue();
    assertThat(p.runs("nix-daemon")).isTrue();
    assertThat(p.runs("nix-daemon --std")).isFalse();
    assertThat(p.runs("nix-store --serve")).isFalse();
  }
}
