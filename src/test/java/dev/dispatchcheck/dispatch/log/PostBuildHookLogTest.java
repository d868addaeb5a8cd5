package dev.dispatchcheck.dispatch.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.evidence.DispatchLogParser;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A post-build hook that fails, in real logs of each version (a local build through the
 * daemon, on that version's host image): read as the hook's failure, naming its program and
 * exit code, and only where the log shows that program started as the hook.
 */
class PostBuildHookLogTest {
  private static final String FIXTURE = "real/post-build-hook-failed.json.log";

  private static DispatchRecord read(String version, String raw) {
    return DispatchLogParser.parseInternalJson(raw, "", Optional.of(1), MessageCatalogue.of(version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.8", "2.26", "2.34"})
  void aFailedHookIsTheHooksFailureNamingItsProgramAndExitCode(String version) {
    DispatchRecord r = read(version, Logs.fixture(version, FIXTURE));
    assertThat(r.error()).contains(ErrorClass.POST_BUILD_HOOK_FAILED);
    assertThat(r.summary()).isEqualTo("built locally on its client, failed (the post-build-hook"
        + " /etc/nix/upload-to-cache.sh exited 1 after the build had succeeded: a post-build hook runs after a build and"
        + " does not decide where it goes)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.8", "2.26", "2.34"})
  void theSameWordsWithoutTheHooksStartAreNoCause(String version) {
    // A pre-build hook, or any program Nix runs, fails in the same words: without the hook's start they name no cause.
    String raw = Logs.fixture(version, FIXTURE).lines().filter(l -> !l.contains("\"type\":110"))
        .collect(Collectors.joining("\n"));
    DispatchRecord r = read(version, raw);
    assertThat(r.error()).isEmpty();
    assertThat(r.errorLine()).hasValueSatisfying(l -> assertThat(l).contains("/etc/nix/upload-to-cache.sh"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.8", "2.26", "2.34"})
  void anotherProgramsFailureIsNotTheHooks(String version) {
    String raw = Logs.fixture(version, FIXTURE).replace("running post-build-hook '/etc/nix/upload-to-cache.sh'",
        "running post-build-hook '/etc/nix/other.sh'");
    assertThat(read(version, raw).error()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.26", "2.34"})
  void theHooksStartIsRenderedThoughNewerNixLogsItBelowTheDefaultLevel(String version) {
    String text = InternalJsonLog.render(Logs.fixture(version, FIXTURE));
    assertThat(text).contains("running post-build-hook '/etc/nix/upload-to-cache.sh'...\n");
    // What the hook printed could say anything (an SSH error's words included): it is not read.
    assertThat(text).doesNotContain("uploading");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.8", "2.26"})
  void eachVersionsWordingIsItsOwn(String version) {
    // 2.34 quotes the program with double quotes: its wording is not an older version's.
    String newer = Logs.fixture("2.34", FIXTURE);
    assertThat(read(version, newer).error()).isEmpty();
    assertThat(read("2.34", Logs.fixture(version, FIXTURE)).error()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.8", "2.26", "2.34"})
  void theGenericMeaningStandsWhereTheLineNamesNoProgram(String version) {
    assertThat(ErrorClass.POST_BUILD_HOOK_FAILED.meaning("error: something else")).isEqualTo(
        ErrorClass.POST_BUILD_HOOK_FAILED.meaning());
    String detailed = read(version, Logs.fixture(version, FIXTURE)).error().orElseThrow()
        .meaning("error: program '/etc/nix/upload-to-cache.sh' failed with exit code 3");
    assertThat(detailed).startsWith("the post-build-hook /etc/nix/upload-to-cache.sh exited 3 after");
    assertThat(List.of(detailed, ErrorClass.POST_BUILD_HOOK_FAILED.meaning()))
        .allSatisfy(m -> assertThat(ErrorClass.byMeaning(m)).contains(ErrorClass.POST_BUILD_HOOK_FAILED));
    assertThat(ErrorClass.byMeaning("the post-build-hook X exited 3")).isEmpty();
    assertThat(ErrorClass.POST_BUILD_HOOK_FAILED.meaning("error: program 'x' failed with exit code 2", "on b"))
        .isEqualTo("the post-build-hook x exited 2 after the build had succeeded on b: a post-build hook runs after a"
            + " build and does not decide where it goes");
  }
}
