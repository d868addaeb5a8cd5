package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintTest {

  static final String AGENT_CONF = "/var/lib/hercules-ci-agent/.config/nix/nix.conf";
  static final String SYSTEM = "agent/etc/nix/nix.conf";
  static final String MACHINES = "agent/etc/nix/machines";

  @TempDir Path dir;

  private List<Finding> lint(Farm farm) {
    return Lint.check(farm.layout());
  }

  /** Findings as "file:line: severity" plus a distinctive part of the message. */
  private static List<String> where(List<Finding> findings) {
    return findings.stream().map(f -> f.file() + ":" + f.line() + ":" + f.severity()).toList();
  }

  /** Clean but for what its builder's kvm feature means (the guide's line claims kvm; NixReadings). */
  @Test
  void theGuidesWorkingFarmIsClean() {
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "# the guide", "trusted-users = root hercules-ci-agent",
            "builders = @/etc/nix/machines", "extra-experimental-features = nix-command")
        .agent("/etc/nix/machines",
            "ssh-ng://nix@aarch64-linux-1.example.com aarch64-linux /root/.ssh/id_b 4 2 kvm - " + Farm.HOST_KEY)
        .agent(AGENT_CONF, "builders = @/etc/nix/machines")
        .builder("aarch64-linux-1.example.com", "extra-platforms = aarch64-linux");
    List<Finding> f = lint(farm);
    assertThat(where(f)).containsExactly(MACHINES + ":1:WARNING");
    assertThat(f.get(0).message()).startsWith("ssh-ng://nix@aarch64-linux-1.example.com claims the feature kvm");
  }

  @Test
  void aNixConfThatDoesNotParseIsAnErrorAtItsLine() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/nix.conf", "# ok", "", "just-a-word", "builders = "));
    assertThat(where(f)).containsExactly(SYSTEM + ":3:ERROR");
    assertThat(f.get(0).message()).contains("just-a-word");
  }

  @Test
  void anEqualsSignWithoutSpacesIsAnErrorThoughNixConfAcceptsIt() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/nix.conf", "max-jobs = 2", "cores=4"));
    assertThat(where(f)).containsExactly(SYSTEM + ":2:ERROR");
    assertThat(f.get(0).message()).contains("spaces around '='");
  }

  @Test
  void aMissingIncludeOfANixConfIsAnErrorButABangIncludeIsNot() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/nix.conf", "!include optional.conf", "include extra.conf"));
    assertThat(where(f)).containsExactly(SYSTEM + ":2:ERROR");
    assertThat(f.get(0).message()).contains("/etc/nix/extra.conf");
  }

  @Test
  void settingsInAnIncludedNixConfAreCheckedAtTheirOwnFileAndLine() {
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "include extra.conf")
        .agent("/etc/nix/extra.conf", "max-jobs = 2", "extra-builders = ssh://b aarch64-linux"));
    assertThat(where(f)).containsExactly("agent/etc/nix/extra.conf:2:WARNING");
  }

  @Test
  void aMachinesFileThatDoesNotParseIsAnErrorAtItsLine() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines",
        "# builders", "ssh://a aarch64-linux", "ssh://b aarch64-linux - many", "ssh://c x - 1 1 - - - extra-field"));
    assertThat(where(f)).containsExactly(MACHINES + ":3:ERROR", MACHINES + ":4:ERROR");
    assertThat(f.get(0).message()).contains("max jobs 'many'").doesNotStartWith("line");
  }

  @Test
  void anInlineBuildersValueIsPlacedAtItsNixConfLine() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/nix.conf",
        "trusted-users = root", "builders = ssh://a aarch64-linux ; ssh://b aarch64-linux - x"));
    assertThat(where(f)).containsExactly(SYSTEM + ":2:ERROR");
  }

  @Test
  void aMissingMachinesFileIsAnErrorWhereItIsNamed() {
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines ; @/etc/nix/absent-1")
        .agent("/etc/nix/machines", "ssh://a aarch64-linux", "@/etc/nix/absent-2"));
    assertThat(where(f)).containsExactly(MACHINES + ":2:ERROR", SYSTEM + ":1:ERROR");
    assertThat(f.get(1).message()).contains("/etc/nix/absent-1")
        .contains("Nix skips a missing machines file without a word, so these builders would silently be absent");
  }

  @Test
  void nixsDefaultMachinesFileMayBeAbsent() {
    assertThat(lint(Farm.in(dir).agent("/etc/nix/nix.conf", "max-jobs = 1"))).isEmpty();
  }

  @Test
  void extraBuildersIsAnUnknownSettingInEveryVersion() {
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines", "extra-builders = ssh://b aarch64-linux")
        .agent("/etc/nix/machines", "ssh://a aarch64-linux"));
    assertThat(f).containsExactly(new Finding(Severity.WARNING, SYSTEM, 2,
        "Nix prints `warning: unknown setting 'extra-builders'` and drops it"
            + " ('builders' holds a single value, so there is no extra-builders)", "all"));
  }

  @Test
  void aSettingSomeVersionsLackIsAWarningForThoseVersions() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/nix.conf",
        "eval-system = aarch64-linux", "enforce-determinism = true", "no-such-setting = 1", "extra-trusted-users = alice"));
    assertThat(f).extracting(Finding::line, Finding::versions).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1, "Nix 2.8"),
        org.assertj.core.groups.Tuple.tuple(2, "Nix 2.26, 2.34"),
        org.assertj.core.groups.Tuple.tuple(3, "all"));
    assertThat(f.get(0).message()).isEqualTo("Nix 2.8 prints `warning: unknown setting 'eval-system'` and drops it");
    assertThat(f.get(2).message()).isEqualTo("Nix prints `warning: unknown setting 'no-such-setting'` and drops it");
  }

  @Test
  void aBuildersNixConfIsCheckedToo() {
    List<Finding> f = lint(Farm.in(dir).builder("b.example.com", "extra-platform = aarch64-linux"));
    assertThat(where(f)).containsExactly("builders/b.example.com/etc/nix/nix.conf:1:WARNING");
  }

  @Test
  void anUntrustedUsersOwnBuildersAreIgnored() {
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "trusted-users = root")
        .agent("/etc/nix/machines", "ssh://a aarch64-linux")
        .agent(AGENT_CONF, "max-jobs = 1", "builders = @/etc/nix/machines");
    List<Finding> f = lint(farm);
    assertThat(where(f)).containsExactly("agent" + AGENT_CONF + ":2:WARNING");
    assertThat(f.get(0).message()).contains("hercules-ci-agent is not in trusted-users").contains(
        "the daemon ignores a builders setting from this untrusted user and uses the system's"
            + " (Nix 2.22+ warns, older Nix says nothing)");

    farm.agent("/etc/nix/nix.conf", "trusted-users = root hercules-ci-agent");
    assertThat(lint(farm)).isEmpty();
  }

  @Test
  void aFractionalSpeedFactorIsAWarningNotAnErrorAndTheRestOfTheLineIsStillChecked() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines",
        "ssh://a aarch64-linux - 1 1.5", "ssh://b aarch64-linux - 1 0.5 - - not*base64"));
    assertThat(where(f)).containsExactly(MACHINES + ":1:WARNING", MACHINES + ":2:WARNING", MACHINES + ":2:ERROR");
    assertThat(f.get(0).versions()).isEqualTo("Nix < 2.20");
    assertThat(f.get(0).message()).contains("'1.5'");
  }

  @Test
  void anEntryAfterACommentOnTheSameLineIsAWarning() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines",
        "ssh://a aarch64-linux ; ssh://b aarch64-linux # two", "ssh://c aarch64-linux # old ; ssh://d aarch64-linux",
        "ssh://e aarch64-linux # only a comment ; # and more"));
    assertThat(where(f)).containsExactly(MACHINES + ":2:WARNING");
    assertThat(f.get(0).versions()).isEqualTo("Nix >= 2.29");
  }

  @Test
  void aHostKeyThatIsNotBase64IsAnError() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines",
        "ssh://a aarch64-linux - - - - - " + Farm.HOST_KEY, "ssh://b aarch64-linux - - - - - ssh-ed25519"));
    assertThat(where(f)).containsExactly(MACHINES + ":2:ERROR");
    assertThat(f.get(0).message()).contains("not base64");
  }

  @Test
  void aHostKeyThatDecodesToSomethingElseIsAWarning() {
    String notAKey = java.util.Base64.getEncoder().encodeToString("hello world".getBytes());
    assertThat(where(lint(Farm.in(dir).agent("/etc/nix/machines", "ssh://a aarch64-linux - - - - - " + notAKey))))
        .containsExactly(MACHINES + ":1:WARNING");
  }

  @Test
  void aRelativeKeyFileIsAnError() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines",
        "ssh://a aarch64-linux /root/.ssh/id_a", "ssh://b aarch64-linux .ssh/id_b"));
    assertThat(where(f)).containsExactly(MACHINES + ":2:ERROR");
    assertThat(f.get(0).message()).contains(".ssh/id_b");
  }

  @Test
  void aMachinesFileNoBuildersValueNamesIsNeverRead() {
    // the guide's grep fills the agent's machines file, but nothing points at it
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = ssh://a aarch64-linux")
        .agent("/etc/nix/machines", "ssh://a aarch64-linux")
        .agent("/var/lib/hercules-ci-agent/.config/nix/machines", "ssh://a aarch64-linux"));
    assertThat(where(f)).containsExactly(MACHINES + ":0:WARNING",
        "agent/var/lib/hercules-ci-agent/.config/nix/machines:0:WARNING");
  }

  @Test
  void aNonSshBuilderCannotBeStoodInFor() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines", "http://cache.example.com x86_64-linux"));
    assertThat(f).extracting(Finding::severity, Finding::versions)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.WARNING, ""));
  }

  @Test
  void aFileReachedTwiceIsReportedOnce() {
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "trusted-users = root hercules-ci-agent")
        .agent("/etc/nix/machines", "ssh://a aarch64-linux .ssh/id")
        .agent(AGENT_CONF, "builders = @/etc/nix/machines"));
    assertThat(where(f)).containsExactly(MACHINES + ":1:ERROR");
  }

  @Test
  void findingsPrintLikeACompilersMessages() {
    assertThat(new Finding(Severity.ERROR, MACHINES, 3, "bad", "all")).hasToString(MACHINES + ":3: error: bad");
    assertThat(new Finding(Severity.WARNING, MACHINES, 0, "odd", "Nix < 2.20"))
        .hasToString(MACHINES + ": warning: odd [Nix < 2.20]");
  }

  @Test
  void aValueThatIsNotWhatItMayBeIsAnErrorAtItsLineBeforeAnythingStarts() {
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = @/etc/nix/machines ; ssh://ok.example.com x86_64-linux,bad")
        .agent("/etc/nix/machines", "ssh://a aarch64-linux", "ssh://a$(touch${IFS}x).example.com aarch64-linux",
            "ssh://$(id)@b aarch64-linux"));
    assertThat(where(f)).containsExactly(MACHINES + ":2:ERROR", MACHINES + ":3:ERROR", SYSTEM + ":1:ERROR");
    assertThat(f.get(0).message()).startsWith("builder host name 'a$(touch${IFS}x).example.com'");
    assertThat(f.get(1).message()).startsWith("SSH user '$(id)'");
    assertThat(f.get(2).message()).startsWith("system 'bad'");
  }

  @Test
  void aHostKeyWithMoreAfterItsPaddingIsAnError() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines", "ssh://a aarch64-linux - - - - - "
        + Farm.HOST_KEY.replaceAll("=+$", "") + "=$(id)"));
    assertThat(where(f)).containsExactly(MACHINES + ":1:ERROR");
    assertThat(f.get(0).message()).contains("holds characters that are not base64");
  }

  @Test
  void includesAreLookedUpInTheFarmOnlySoTheyCannotLeadOutOfIt() {
    // This machine's own /etc/passwd exists; the farm's does not, so nothing may be found.
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "include ../../../../../../../etc/passwd",
            "builders = @/etc/nix/../../../../../../etc/passwd ; @machines"));
    assertThat(where(f)).containsExactly(SYSTEM + ":1:ERROR", SYSTEM + ":2:ERROR", SYSTEM + ":2:ERROR");
    assertThat(f.get(0).message()).contains("included file '/etc/passwd' is not in the farm");
    assertThat(f).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("'/etc/passwd' is not in the farm"))
        .anySatisfy(m -> assertThat(m).contains("machines file 'machines' is a relative path"))
        .allSatisfy(m -> assertThat(m).doesNotContain("root:"));
  }

  @Test
  void aFileThatIsNotTextIsAnErrorAtItsFirstSuchLineAndIsShownEscaped() {
    Farm farm = Farm.in(dir).agent("/etc/nix/machines", "ssh://a aarch64-linux", "ssh://b\u001b]0 x86_64-linux\u0007")
        .agent("/root/.ssh/config", "Host a", "  User \uFFFD");
    List<Finding> f = lint(farm);
    assertThat(f).filteredOn(x -> x.message().startsWith("not text"))
        .extracting(x -> x.file() + ":" + x.line()).containsExactly(MACHINES + ":2", "agent/root/.ssh/config:2");
    assertThat(f).extracting(Finding::toString).allSatisfy(line -> assertThat(line).doesNotContain("\u001b", "\u0007"))
        .anySatisfy(line -> assertThat(line).contains("'b\\x1b]0'"));
  }

  @Test
  void randomBytesAreNeverPrintedRaw() throws Exception {
    byte[] random = new byte[2048];
    new java.util.Random(42).nextBytes(random);
    Farm farm = Farm.in(dir);
    java.nio.file.Files.write(dir.resolve(MACHINES), random);
    List<Finding> f = lint(farm);
    assertThat(f).filteredOn(x -> x.severity() == Severity.ERROR).isNotEmpty();
    assertThat(f).extracting(Finding::toString).allSatisfy(line ->
        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd));
  }

  @Test
  void aBuildersFileWithNoMachineLinesIsAWarningAtTheSettingThatNamesIt() {
    String agentMachines = "/var/lib/hercules-ci-agent/.config/nix/machines";
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "trusted-users = root hercules-ci-agent", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", "# nothing yet", "", "  # ; ")
        .agent(AGENT_CONF, "max-jobs = 1", "builders = @" + agentMachines)
        .agent(agentMachines));
    assertThat(where(f)).containsExactly(SYSTEM + ":2:WARNING", "agent" + AGENT_CONF + ":2:WARNING");
    assertThat(f.get(0).message()).isEqualTo("/etc/nix/machines is empty (agent/etc/nix/machines holds no machine lines):"
        + " the system's builders setting leaves every user without a builders setting of their own with no remote builders");
    assertThat(f.get(1).message()).isEqualTo(agentMachines + " is empty (agent" + agentMachines + " holds no machine lines):"
        + " hercules-ci-agent's builders setting leaves the agent (hercules-ci-agent) with no remote builders");
  }

  @Test
  void anEmptyBuildersFileBesideOtherBuildersAddsNone() {
    List<Finding> f = lint(Farm.in(dir)
        .agent("/etc/nix/nix.conf", "builders = ssh://a aarch64-linux ; @/etc/nix/machines")
        .agent("/etc/nix/machines"));
    assertThat(where(f)).containsExactly(SYSTEM + ":1:WARNING");
    assertThat(f.get(0).message()).endsWith("it adds no builders to the system's builders setting");
    assertThat(where(lint(Farm.in(dir).agent("/etc/nix/nix.conf", "max-jobs = 1")))).containsExactly(SYSTEM + ":0:WARNING");
  }

  @Test
  void theGuidesFarmAsPrintedGetsTheEmptyBuildersWarningAndNoError() {
    List<Finding> f = Lint.check(FarmLayout.read(Path.of("examples/guide-farm-as-printed")));
    assertThat(f).extracting(Finding::toString).containsExactly("agent" + AGENT_CONF + ":1: warning:"
        + " /var/lib/hercules-ci-agent/.config/nix/machines is empty (agent/var/lib/hercules-ci-agent/.config/nix/machines"
        + " holds no machine lines): hercules-ci-agent's builders setting leaves the agent (hercules-ci-agent) with no"
        + " remote builders");
    assertThat(Lint.check(FarmLayout.read(Path.of("examples/guide-farm")))).isEmpty();
  }

  @Test
  void aBuilderNamedLikeOneOfTheHarnesssHostsIsAnErrorAtItsLine() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines", "ssh://agent.example.com aarch64-linux",
        "ssh-ng://nix@agent aarch64-linux", "CLIENT x86_64-linux"));
    assertThat(where(f)).containsExactly(MACHINES + ":2:ERROR", MACHINES + ":3:ERROR");
    assertThat(f.get(0).message()).isEqualTo("builder host name 'agent' is the name of one of dispatchcheck's own hosts"
        + " (agent, client), so no stand-in can answer to it: dispatchcheck cannot check a farm with a builder of that name");
    assertThat(f.get(1).message()).startsWith("builder host name 'CLIENT' is the name of one of dispatchcheck's own hosts");
  }

  @Test
  void builderDirectoriesThatClashWithTheHarnessOrEachOtherAreErrors() {
    assertThat(lint(Farm.in(dir).builder("b.example.com", "max-jobs = 1").builder("agent.example.com", "max-jobs = 1")))
        .isEmpty();
    List<Finding> f = lint(Farm.in(dir).builder("Agent", "max-jobs = 1")
        .builder("B.EXAMPLE.COM", "max-jobs = 1").builder("b.example.com", "max-jobs = 2"));
    assertThat(where(f)).containsExactly("builders/Agent/etc/nix/nix.conf:0:ERROR",
        "builders/B.EXAMPLE.COM/etc/nix/nix.conf:0:ERROR", "builders/b.example.com/etc/nix/nix.conf:0:ERROR");
    assertThat(f.get(0).message()).startsWith("builders/Agent/ is the name of one of dispatchcheck's own hosts");
    assertThat(f.get(1).message()).isEqualTo("builders/B.EXAMPLE.COM/ and builders/b.example.com/ name the same host"
        + " (host names do not differ by case), so which nix.conf its stand-in gets would be a matter of order; keep one");
  }

  @Test
  void aKeyFileTheFarmHoldsNeedsItsPublicHalfToo() {
    Farm farm = Farm.in(dir).agent("/etc/nix/machines", "ssh://b aarch64-linux /root/.ssh/id_b")
        .agent("/root/.ssh/id_b", "-----BEGIN OPENSSH PRIVATE KEY-----");
    List<Finding> f = lint(farm);
    assertThat(where(f)).containsExactly(MACHINES + ":1:ERROR");
    assertThat(f.get(0).message()).isEqualTo("key file '/root/.ssh/id_b' of ssh://b is in the farm but its .pub is not:"
        + " dispatchcheck authorizes the key's .pub on the stand-in, so the farm holds both, or neither (and dispatchcheck"
        + " makes a fresh key there)");
    assertThat(lint(farm.agent("/root/.ssh/id_b.pub", Farm.KEY_LINE))).isEmpty();
  }

  @Test
  void aKeyFileWhereNoKeyMayBeIsAnErrorAtItsLine() {
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines", "ssh://a aarch64-linux /etc/nix/id_a",
        "ssh://b aarch64-linux /etc/ld.so.preload", "ssh://c aarch64-linux /etc/sudoers.d/x",
        "ssh://d aarch64-linux /root/.ssh/authorized_keys"));
    assertThat(where(f)).containsExactly(MACHINES + ":2:ERROR", MACHINES + ":3:ERROR", MACHINES + ":4:ERROR");
  }

  @Test
  void aBareEntryIsValidatedAsAnSshBuilderNotWarnedOfAsAnotherKind() {
    assertThat(lint(Farm.in(dir).agent("/etc/nix/machines", "b.example.com aarch64-linux"))).isEmpty();
    List<Finding> f = lint(Farm.in(dir).agent("/etc/nix/machines", "b_x.example.com aarch64-linux",
        "b.example.com/x aarch64-linux", "/mnt/store aarch64-linux"));
    assertThat(f).extracting(x -> x.line() + ":" + x.severity() + ":" + x.message().substring(0, 30)).containsExactly(
        "1:ERROR:builder host name 'b_x.example",
        "2:ERROR:store URI 'b.example.com/x' ha",
        "3:WARNING:/mnt/store is not an ssh:// or");
  }
}
