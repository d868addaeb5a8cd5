package dev.dispatchcheck.driver.probe;

import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.evidence.DispatchLogParser;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
import dev.dispatchcheck.dispatch.log.InternalJsonLog;
import dev.dispatchcheck.dispatch.log.MessageCatalogue;
import dev.dispatchcheck.driver.Waiter;
import dev.dispatchcheck.driver.host.ExecStream;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.Progress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One nix-build of a probe, running in the background on a host, its log streamed.
 *
 * @param host the host the build was started on (its client)
 * @param catalogue what the client's Nix version prints, to read its log by
 * @param shown the command as a person would type it, for the report
 * @param effect set for a build an effect started: how its settings reach the daemon
 * @param finish what runs once nix-build has exited (an effect's proxy is stopped); what it returns joins the evidence
 */
public record BuildRun(String host, String user, Probe probe, ExecStream stream, Progress progress,
    MessageCatalogue catalogue, String shown, Optional<EffectPath> effect, AfterExit finish) {

  /** An action run once, after nix-build exited; what it returned is kept for {@link #describe()}. */
  public static final class AfterExit {
    private final Supplier<String> action;
    private String returned;

    public AfterExit(Supplier<String> action) {
      this.action = action;
    }

    synchronized void runOnce() {
      if (returned == null) returned = action.get();
    }

    /** What the action returned, on a line of its own; nothing before it ran, or when it returned nothing. */
    synchronized String shown() {
      return returned == null || returned.isEmpty() ? "" : "\n" + returned;
    }
  }

  /** Starts the guide's check, {@code sudo -u USER nix-build ...}, on {@code host}. */
  public static BuildRun start(NixHost host, String user, Probe asked, Progress progress) {
    // A live host has no busybox of the harness's: the same probe, on its own /bin/sh.
    Probe probe = host.isLive() ? asked.onSystemShell() : asked;
    progress.say("%s: %s builds a probe for %s (salt %s)", host.name(), user, probe.describe(), probe.salt());
    return new BuildRun(host.name(), user, probe, host.stream(probe.nixBuildCommand(user)), progress,
        MessageCatalogue.of(host.version().label()), probe.shellCommand(user), Optional.empty(), new AfterExit(() -> ""));
  }

  /**
   * Starts {@code command}, a build of {@code probe} as {@code user} that an effect of the
   * agent's runs (see {@code driver.farm.Effect}); {@code finish} runs once it has exited.
   */
  public static BuildRun startEffect(NixHost host, String user, Probe probe, Progress progress, List<String> command,
      EffectPath effect, Supplier<String> finish) {
    progress.say("%s: an effect of %s builds a probe for %s (salt %s)", host.name(), user, probe.describe(), probe.salt());
    String shown = command.stream().map(Shell::quote).collect(Collectors.joining(" "));
    return new BuildRun(host.name(), user, probe, host.stream(command), progress,
        MessageCatalogue.of(host.version().label()), shown, Optional.of(effect), new AfterExit(finish));
  }

  /** Whose build it is, in a few words: the user, and "(effect)" for an effect's. */
  public String who() {
    return effect.isPresent() ? user + " (effect)" : user;
  }

  /** The log as text, rendered from the internal-json stream. */
  public String log() {
    return InternalJsonLog.render(stream.output());
  }

  /** The log as nix-build wrote it, {@code @nix} lines and all. */
  public String rawLog() {
    return stream.output();
  }

  /** How long nix-build ran, start to exit. */
  public java.time.Duration elapsed() {
    return stream.elapsed();
  }

  /** Set when the log stream broke: what was read is then not the whole log. */
  public Optional<Throwable> streamBroken() {
    return stream.broken();
  }

  public boolean isFinished() {
    return stream.isFinished();
  }

  /** What the client's log says so far. */
  public DispatchRecord record() {
    return DispatchLogParser.parseInternalJson(stream.output(), stream.stdout(), stream.exitCode(), catalogue);
  }

  /**
   * Polls the log until it shows where the build went or why it could not go, then until
   * nix-build has exited, both within one timeout of {@code waiter}'s. A timeout carries
   * this log and {@code hostLogs}.
   */
  public BuildRun awaitCompletion(Waiter waiter, Supplier<String> hostLogs) {
    Supplier<String> evidence = () -> describe() + "\n" + hostLogs.get();
    Waiter once = waiter.oneDeadlineFromNow();
    once.until("a dispatch line or an error in the build log of " + describe(),
        () -> stream.isFinished() || DispatchLogParser.showsDispatchOrError(log(), catalogue), evidence);
    once.until("nix-build to exit for " + describe(), stream::isFinished, evidence);
    finish.runOnce();
    progress.say("  -> %s (%.1f s)", record().summary(), elapsed().toMillis() / 1000.0);
    return this;
  }

  /**
   * Waits, within one timeout of {@code waiter}'s, until the log shows the probe running on
   * {@code builder}: dispatched there, and its line "checking probe salt..." printed there and
   * relayed back. A build that ended before, or went elsewhere, is an error of the scenario.
   */
  public void awaitStartOn(String builder, Waiter waiter, Supplier<String> hostLogs) {
    String saltLine = "checking probe salt... " + probe.salt();
    waiter.oneDeadlineFromNow().until("the probe's salt line from " + builder + " in the build log of " + who(),
        () -> stream.isFinished() || log().contains(saltLine), () -> describe() + "\n" + hostLogs.get());
    DispatchRecord r = record();
    if (!log().contains(saltLine) || !r.builder().map(builder::equalsIgnoreCase).orElse(false)) {
      throw new IllegalStateException("expected " + who() + "'s build to start on " + builder + ", but it was "
          + r.summary() + ":\n" + describe());
    }
  }

  public String describe() {
    return user + "'s " + probe.system() + " probe on " + host + (effect.isPresent() ? ", from an effect" : "")
        + " (salt " + probe.salt() + ")\n"
        + "$ " + shown + "\n" + log()
        + stream.exitCode().map(c -> "[exit code " + c + " after " + elapsed().toMillis() + " ms]")
            .orElse("[still running]") + finish.shown();
  }
}
