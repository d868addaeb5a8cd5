package dev.dispatchcheck.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachinesFileTest {

  @Test
  void parsesAllEightFields() {
    Machine m = MachinesFile.parse(
        "ssh://root@aarch64-linux-1 aarch64-linux,armv7l-linux /root/.ssh/id_b 4 2 big-parallel,kvm benchmark c3NoLWVkMjU1MTk=\n")
        .machines().get(0);
    assertThat(m.storeUri()).isEqualTo("ssh://root@aarch64-linux-1");
    assertThat(m.hostName()).isEqualTo("aarch64-linux-1");
    assertThat(m.systems()).containsExactly("aarch64-linux", "armv7l-linux");
    assertThat(m.sshKey()).contains("/root/.ssh/id_b");
    assertThat(m.maxJobs()).contains(4);
    assertThat(m.speedFactor()).contains(2.0);
    assertThat(m.supportedFeatures()).containsExactlyInAnyOrder("big-parallel", "kvm");
    assertThat(m.mandatoryFeatures()).containsExactly("benchmark");
    assertThat(m.publicHostKey()).contains("c3NoLWVkMjU1MTk=");
  }

  @Test
  void dashAndMissingFieldsMeanDefaults() {
    Machine dashes = MachinesFile.parse("ssh://b aarch64-linux - - - - - -").machines().get(0);
    Machine short_ = MachinesFile.parse("ssh://b aarch64-linux").machines().get(0);
    assertThat(dashes).isEqualTo(short_);
    assertThat(dashes.sshKey()).isEmpty();
    assertThat(dashes.maxJobs()).isEmpty();
    assertThat(dashes.supportedFeatures()).isEmpty();
  }

  @Test
  void schemelessUriGetsSsh() {
    Machine m = MachinesFile.parse("builder.example.com x86_64-linux").machines().get(0);
    assertThat(m.uri().scheme()).isEqualTo("ssh");
    assertThat(m.hostName()).isEqualTo("builder.example.com");
  }

  @Test
  void commentsBlankLinesAndSemicolonsSeparateEntries() {
    MachinesFile f = MachinesFile.parse(String.join("\n",
        "# the farm",
        "",
        "ssh://a aarch64-linux   # trailing comment",
        "ssh://b aarch64-linux ; ssh://c aarch64-darwin",
        "   "));
    assertThat(f.machines()).extracting(Machine::hostName).containsExactly("a", "b", "c");
  }

  @Test
  void atFileIncludesAreExpandedInPlace() {
    Map<String, String> files = Map.of("/etc/nix/machines", "ssh://a aarch64-linux\nssh://b aarch64-linux\n");
    MachinesFile f = MachinesFile.parse("@/etc/nix/machines ; ssh://c aarch64-darwin",
        p -> Optional.ofNullable(files.get(p)));
    assertThat(f.machines()).extracting(Machine::hostName).containsExactly("a", "b", "c");
    assertThat(f.missingIncludes()).isEmpty();
  }

  @Test
  void missingIncludeIsRecordedNotFatal() {
    MachinesFile f = MachinesFile.parse("@/nowhere\nssh://a aarch64-linux", p -> Optional.empty());
    assertThat(f.machines()).extracting(Machine::hostName).containsExactly("a");
    assertThat(f.missingIncludes()).containsExactly("/nowhere");
  }

  @Test
  void malformedLineNamesTheLine() {
    assertThatThrownBy(() -> MachinesFile.parse("ssh://a aarch64-linux\nssh://b aarch64-linux - many"))
        .isInstanceOf(MachinesFileException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("ssh://b aarch64-linux - many")
        .hasMessageContaining("max jobs 'many'");
    assertThatThrownBy(() -> MachinesFile.parse("a b c d e f g h i"))
        .hasMessageContaining("line 1").hasMessageContaining("9 fields");
  }

  @Test
  void includesNestToADepthAndAFileThatIncludesItselfIsAnErrorNotAStackOverflow() {
    Map<String, String> chain = Map.of("/a", "@/b", "/b", "@/c", "/c", "ssh://c aarch64-linux");
    assertThat(MachinesFile.parse("@/a", p -> Optional.ofNullable(chain.get(p)), 3).machines())
        .extracting(Machine::hostName).containsExactly("c");
    assertThatThrownBy(() -> MachinesFile.parse("@/a", p -> Optional.ofNullable(chain.get(p)), 2))
        .isInstanceOf(MachinesFileException.class).hasMessageContaining("@/c nests machines files more than 2 deep");
    assertThatThrownBy(() -> MachinesFile.parse("@/self", p -> Optional.of("ssh://a x86_64-linux\n@/self")))
        .isInstanceOf(MachinesFileException.class)
        .hasMessage("line 2: @/self nests machines files more than " + MachinesFile.DEFAULT_MAX_DEPTH
            + " deep (a file that includes itself, or a chain too long)");
  }

  @Test
  void aLongSpeedFactorIsReadInOnePass() {
    String digits = "1".repeat(1 << 20);
    // parseDouble takes a trailing 'd'; the check before it refuses it without backtracking through the digits.
    assertThatThrownBy(() -> MachinesFile.parse("ssh://b x86_64-linux - 1 " + digits + "d"))
        .isInstanceOf(MachinesFileException.class).hasMessageContaining("speed factor");
    assertThat(MachinesFile.parse("ssh://b x86_64-linux - 1 " + digits).machines()).hasSize(1);
    assertThatThrownBy(() -> MachinesFile.parse("ssh://b x86_64-linux - 1 0x1p3")).hasMessageContaining("speed factor");
    assertThat(MachinesFile.parse("ssh://b x86_64-linux - 1 1.5").machines().get(0).speedFactor()).contains(1.5);
  }
}
