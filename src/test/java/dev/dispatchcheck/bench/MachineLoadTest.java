package dev.dispatchcheck.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MachineLoadTest {
  private static final String BEFORE = """
      cpu  1000 50 400 9000 30 20 10 7 0 0
      cpu0 500 25 200 4500 15 10 5 3 0 0
      cpu1 500 25 200 4500 15 10 5 4 0 0
      intr 123 0 0
      ctxt 999
      btime 1700000000
      processes 5000
      procs_running 1
      """;

  private static final String AFTER = """
      cpu  1600 50 800 9500 90 40 30 70 0 0
      cpu0 800 25 400 4750 45 20 15 35 0 0
      cpu1 800 25 400 4750 45 20 15 35 0 0
      processes 6000
      """;

  @Test
  void busyTimeIsUserNiceSystemIrqAndSoftirqNotIdleIowaitOrSteal() {
    MachineLoad load = MachineLoad.parse(BEFORE);
    assertThat(load.busyCpuSeconds()).isCloseTo((1000 + 50 + 400 + 20 + 10) / 100.0, within(1e-9));
    assertThat(load.processes()).isEqualTo(5000);
    assertThat(load.cpus()).isEqualTo(2);
  }

  @Test
  void theDifferenceBetweenTwoReadingsIsWhatTheMachineDidBetweenThem() {
    MachineLoad done = MachineLoad.parse(AFTER).since(MachineLoad.parse(BEFORE));
    assertThat(done.busyCpuSeconds()).isCloseTo(10.4, within(1e-9));
    assertThat(done.processes()).isEqualTo(1000);
    assertThat(done.line("the suite", 4, "scenario", 10)).isEqualTo("  the machine over the suite (its /proc/stat, all it ran):"
        + " 10 CPU-s busy, 52% of its 2 cores, 2.60 CPU-s a scenario; 1,000 processes and threads started, 250 a scenario");
  }

  @Test
  void aTextThatIsNotLinuxsProcStatIsRefused() {
    assertThatThrownBy(() -> MachineLoad.parse("cpu  1 2 3 4 5 6 7\n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MachineLoad.parse("hello\n")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thisMachinesOwnReadingIsThereOnLinux() {
    if (!System.getProperty("os.name").equals("Linux")) return;
    assertThat(MachineLoad.now()).hasValueSatisfying(l -> {
      assertThat(l.cpus()).isPositive();
      assertThat(l.processes()).isPositive();
    });
  }
}
