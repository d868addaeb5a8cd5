package dev.dispatchcheck.steps;

import static dev.dispatchcheck.dispatch.verdict.DispatchAssertions.assertThat;

import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.StoreUri;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.verdict.SelfCheck;
import dev.dispatchcheck.dispatch.verdict.VerdictFailure;
import dev.dispatchcheck.driver.probe.BuildRun;
import dev.dispatchcheck.driver.host.HostProcess;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;

/**
 * Every expectation a scenario can state, each defined once: its phrase (from
 * {@link Vocabulary}) and the check it stands for. The positive step and its self-check
 * twin both look the phrase up here, so they run the very same assertion.
 */
public class Verdicts {
  private final World world;
  private final Map<Pattern, Function<Words, SelfCheck.Verdict>> phrases = new LinkedHashMap<>();

  public Verdicts(World world) {
    this.world = world;
    define(Vocabulary.WENT_TO, w -> () -> assertThat(world.lastRecordOf(w.user(0))).as(w.user(0) + "'s build").wentTo(w.host(1)));
    define(Vocabulary.ON_HOST_WENT_TO, w -> () ->
        assertThat(world.lastRecordOn(w.host(0))).as("the build on " + w.host(0)).wentTo(w.host(1)));
    define(Vocabulary.EVERY_WENT_TO, w -> () -> every(world.recordsOf(w.user(0)), w.user(0), w.host(1)));
    define(Vocabulary.EVERY_FOR_SYSTEM_WENT_TO, w -> () ->
        every(world.recordsOf(w.user(0), w.text(1)), w.user(0) + " for " + w.text(1), w.host(2)));
    define(Vocabulary.WENT_TO_SYSTEM_BUILDER, w -> () ->
        assertThat(world.lastRecordOf(w.user(0))).as(w.user(0) + "'s build").wentToOneOf(systemBuilders()));
    define(Vocabulary.FAILED_BECAUSE, w -> () ->
        assertThat(world.lastRecordOf(w.user(0))).as(w.user(0) + "'s build").failedBecause(ErrorClass.byPhrase(w.text(1))));
    define(Vocabulary.FAILED_SAYING, w -> () ->
        assertThat(world.lastRecordOf(w.user(0))).as(w.user(0) + "'s build").failedSaying(w.quoted(1)));
    define(Vocabulary.BUILT_LOCALLY, w -> () ->
        assertThat(world.lastRecordOf(w.user(0))).as(w.user(0) + "'s build").builtLocally());
    define(Vocabulary.WARNED, w -> () ->
        assertThat(world.lastRecordOf(w.user(0))).as(w.user(0) + "'s build").warned(w.quoted(1)));
    define(Vocabulary.NO_WARNING, w -> () ->
        assertThat(world.lastRecordOf(w.user(0))).as(w.user(0) + "'s build").printedNoWarning());
    define(Vocabulary.ALREADY_VALID, w -> () ->
        assertThat(world.lastRecordOf(w.user(0))).as(w.user(0) + "'s last build").wasAlreadyValid());
    define(Vocabulary.SPREAD, w -> () -> spreadOver(w.user(0), w.host(1), w.host(2)));
    define(Vocabulary.STILL_RUNNING, w -> () -> stillRunning(w.user(0), Integer.parseInt(w.text(1))));
    define(Vocabulary.PROCESS_STILL_RUNNING, w -> () -> processStillRunning(w.host(1), w.quoted(0), Integer.parseInt(w.text(2))));
    define(Vocabulary.FILE_EMPTY, w -> () -> fileIsEmpty(w.host(1), w.quoted(0)));
    define(Vocabulary.FILE_NAMES_ONLY, w -> () -> fileNamesOnly(w.host(1), w.quoted(0), w.host(2)));
    define(Vocabulary.CLEAN, w -> () -> cleanAtHandOver(w.host(0)));
    define(Vocabulary.EVERY_HOST_CLEAN, w -> () -> world.farm().hosts().forEach(h -> cleanAtHandOver(h.name())));
    define(Vocabulary.REPLACED_ALONE, w -> () -> replacedAlone(w.host(0)));
  }

  private void define(String phrase, Function<Words, SelfCheck.Verdict> check) {
    phrases.put(Pattern.compile(Vocabulary.capturing(phrase)), check);
  }

  /** The verdict a phrase states; a phrase that states none is a harness error in the scenario. */
  public SelfCheck.Verdict of(String text) {
    for (var e : phrases.entrySet()) {
      Matcher m = e.getKey().matcher(text);
      if (m.matches()) return e.getValue().apply(new Words(m));
    }
    throw new IllegalArgumentException("no verdict is worded '" + text + "'");
  }

  /** The words a phrase captured, read back as users, host names, quoted text. */
  private record Words(Matcher m) {
    String text(int i) {
      return m.group(i + 1);
    }

    String user(int i) {
      return ParameterTypes.userOf(text(i));
    }

    String host(int i) {
      return ParameterTypes.hostOf(text(i));
    }

    String quoted(int i) {
      String q = text(i);
      return q.substring(1, q.length() - 1);
    }
  }

  private static void every(List<DispatchRecord> all, String whose, String builder) {
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i)).as(whose + "'s build " + (i + 1) + " of " + all.size()).wentTo(builder);
    }
  }

  /**
   * What the build printed, where Nix versions differ: the row for the agent host's Nix
   * version ("none" for no warning, else a fragment of the warning).
   */
  public void warnedPerVersion(String user, Map<String, String> warningByVersion) {
    String version = world.settings().agentNix().label();
    String expected = warningByVersion.get(version);
    if (expected == null) {
      throw new IllegalStateException("no row for Nix " + version + " in " + warningByVersion.keySet());
    }
    var record = assertThat(world.lastRecordOf(user)).as(user + "'s build");
    if (expected.equals("none")) record.printedNoWarning();
    else record.warned(expected);
  }

  /**
   * The build has not ended {@code seconds} after it started: what a builder that never
   * answers does to Nix, which has no timeout of its own. A build that ended is a verdict
   * failure that says where it went.
   */
  private void stillRunning(String user, int seconds) {
    BuildRun run = world.lastBuildOf(user);
    java.time.Duration left = java.time.Duration.ofSeconds(seconds).minus(run.elapsed());
    boolean running = world.waiter().holdsThroughout(() -> !run.isFinished(),
        left.isNegative() ? java.time.Duration.ZERO : left);
    if (!running) {
      run.awaitCompletion(world.waiter(), world.farm()::diagnostics);
      DispatchRecord r = world.recordOf(run);
      throw new VerdictFailure(String.format("expected %s's build to be still running after %d s,%nbut it was %s after %.1f s."
          + "%nEvidence:%n%s", user, seconds, r.summary(), run.elapsed().toMillis() / 1000.0, r.evidenceText()));
    }
    world.note(String.format("%s's build was still running after %d s: %s", user, seconds,
        run.log().lines().reduce((a, b) -> b).orElse("(no output)")));
  }

  /**
   * A process whose command line is {@code command} runs on {@code host} throughout the next
   * {@code seconds}: what a builder keeps for a client that is gone. Its state is noted: a
   * process blocked on a full pipe waits in {@code pipe_write}.
   */
  private void processStillRunning(String host, String command, int seconds) {
    NixHost h = world.farm().host(host);
    long t0 = System.nanoTime();
    boolean running = world.waiter().holdsThroughout(() -> h.processes().stream().anyMatch(p -> p.runs(command)),
        java.time.Duration.ofSeconds(seconds));
    if (!running) {
      throw new VerdictFailure(String.format("expected a process '%s' to be still running on %s after %d s,%nbut it was"
          + " not running after %.1f s; the processes there then:%n  %s", command, host, seconds,
          (System.nanoTime() - t0) / 1e9, h.processes().stream().map(HostProcess::toString).collect(Collectors.joining("\n  "))));
    }
    h.processes().stream().filter(p -> p.runs(command))
        .forEach(p -> world.note(String.format("%s still runs for a client: %s", host, p)));
  }

  /** Each build went to one of the two, and together they used both, one build each. */
  private void spreadOver(String user, String first, String second) {
    List<DispatchRecord> all = world.recordsOf(user);
    all.forEach(r -> assertThat(r).as(user + "'s build").wentToOneOf(List.of(first, second)));
    judge(() -> Assertions.assertThat(all.stream().map(r -> r.builder().orElse("-").toLowerCase()).toList())
        .as("builders taken by %s's %d builds", user, all.size())
        .containsExactlyInAnyOrder(first.toLowerCase(), second.toLowerCase()));
  }

  private void fileIsEmpty(String host, String path) {
    judge(() -> Assertions.assertThat(world.farm().host(host).readFile(path)).as("%s on %s", path, host).hasValue(""));
  }

  /** The machines file at {@code path} lists exactly one builder, {@code builder}. */
  private void fileNamesOnly(String host, String path, String builder) {
    NixHost h = world.farm().host(host);
    List<String> named = MachinesFile.parse(h.readFile(path).orElse(""), h::readFile).machines().stream()
        .map(m -> m.hostName().toLowerCase()).toList();
    judge(() -> Assertions.assertThat(named).as("machines in %s on %s (%s)", path, host, h.readFile(path).orElse(""))
        .containsExactly(new StoreUri(builder).host().toLowerCase()));
  }

  /** The hand-over check finds {@code host} exactly as it was when first started. */
  private void cleanAtHandOver(String host) {
    List<String> found = world.farm().handOverProblems(host);
    if (!found.isEmpty()) {
      throw new VerdictFailure(String.format("expected %s to be clean at hand-over,%nbut it was not; it differs from its"
          + " pristine state in %d ways:%n  %s", host, found.size(), String.join("\n  ", found)));
    }
  }

  /** The scenario's hand-over gave {@code host} alone a fresh host (its host key new), the others kept. */
  private void replacedAlone(String host) {
    String name = world.farm().host(host).name();
    java.util.Set<String> fresh = world.replacedAtHandOver();
    judge(() -> Assertions.assertThat(fresh).as("the hosts that came back from the hand-over with a new host key")
        .containsExactly(name));
  }

  /** An AssertJ assertion on observations is a verdict: its failure is a {@link VerdictFailure}. */
  private static void judge(Runnable assertion) {
    try {
      assertion.run();
    } catch (VerdictFailure f) {
      throw f;
    } catch (AssertionError e) {
      throw VerdictFailure.of(e);
    }
  }

  /** The builders the agent host's /etc/nix/machines names, read from the host itself. */
  private List<String> systemBuilders() {
    var host = world.farm().agent().host();
    String text = host.readFile("/etc/nix/machines")
        .orElseThrow(() -> new IllegalStateException("the agent host has no /etc/nix/machines"));
    return MachinesFile.parse(text, host::readFile).machines().stream().map(Machine::hostName).toList();
  }
}
