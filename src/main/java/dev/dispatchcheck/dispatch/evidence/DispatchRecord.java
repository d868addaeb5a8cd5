package dev.dispatchcheck.dispatch.evidence;

import dev.dispatchcheck.dispatch.log.BuildActivity;
import dev.dispatchcheck.dispatch.log.ErrorClass;

import dev.dispatchcheck.dispatch.config.SshRoute;
import dev.dispatchcheck.dispatch.config.StoreUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which builder took which derivation, and the evidence for it, from three independent
 * sources: the client's log (read as text, and as internal-json {@link #activities()}),
 * the other hosts' stores and the probe journals on the hosts ({@link #crossCheck()}); and,
 * for a builder reached over SSH, how root's ssh_config has ssh reach it ({@link #route()}):
 * a name the log gives may be an alias for another host, reached through jump hosts. When
 * the log cannot say why the builder's end closed, the SSH user's login shell there
 * ({@link #builderAccount()}) may.
 */
public record DispatchRecord(
    Optional<String> derivation,
    Optional<String> builderUri,
    Placement placement,
    Outcome outcome,
    Optional<ErrorClass> error,
    Optional<String> errorLine,
    List<String> warnings,
    List<String> errors,
    Optional<String> outputPath,
    List<BuildActivity> activities,
    CrossCheck crossCheck,
    Optional<String> likelyCause,
    Optional<SshRoute> route,
    Optional<String> builderAccount) {

  public DispatchRecord {
    warnings = List.copyOf(warnings);
    errors = List.copyOf(errors);
    activities = List.copyOf(activities);
  }

  /** A record whose builder's name is the host itself, reached directly. */
  public DispatchRecord(Optional<String> derivation, Optional<String> builderUri, Placement placement, Outcome outcome,
      Optional<ErrorClass> error, Optional<String> errorLine, List<String> warnings, List<String> errors,
      Optional<String> outputPath, List<BuildActivity> activities, CrossCheck crossCheck, Optional<String> likelyCause) {
    this(derivation, builderUri, placement, outcome, error, errorLine, warnings, errors, outputPath, activities,
        crossCheck, likelyCause, Optional.empty(), Optional.empty());
  }

  /** The builder's host name from its URI as the log gives it, e.g. {@code aarch64-linux-1} or an alias {@code arm1}. */
  public Optional<String> builder() {
    return builderUri.map(uri -> new StoreUri(uri).host());
  }

  /** The host ssh reached for the builder: the one its ssh_config makes the log's name, else that name. */
  public Optional<String> builderHost() {
    return route.map(SshRoute::host).or(this::builder);
  }

  /** The builder in words: its name, the host that name is, and the jump hosts ("arm1, that is … via …"). */
  public String builderNamed() {
    return route.map(SshRoute::described).orElse(builder().orElse("?"));
  }

  /** Whether {@code host} names the builder, by the log's name or the host ssh_config makes it; case aside. */
  public boolean builtBy(String host) {
    return builder().filter(host::equalsIgnoreCase).isPresent() || builderHost().filter(host::equalsIgnoreCase).isPresent();
  }

  /**
   * The record with the route ssh takes to its builder. An SSH refusal that names a jump
   * host rather than the builder ({@code user@bastion: Permission denied}) is the jump
   * host's: the builder was never reached.
   */
  public DispatchRecord withRoute(Optional<SshRoute> r) {
    Optional<ErrorClass> e = error;
    if (e.filter(x -> x == ErrorClass.SSH_AUTHENTICATION).isPresent() && r.isPresent()
        && refusedAt(java.util.stream.Stream.concat(errorLine.stream(), errors.stream()).toList(), r.get()).isPresent()) {
      e = Optional.of(ErrorClass.SSH_JUMP_AUTHENTICATION);
    }
    return new DispatchRecord(derivation, builderUri, placement, outcome, e, errorLine, warnings, errors, outputPath,
        activities, crossCheck, likelyCause, r, builderAccount);
  }

  /** The jump host of {@code r} that an error line says refused ssh ({@code user@host: Permission denied}). */
  static Optional<String> refusedAt(List<String> lines, SshRoute r) {
    for (String l : lines) {
      java.util.regex.Matcher m = REFUSED_BY.matcher(l);
      while (m.find()) {
        String by = m.group(1).toLowerCase();
        if (!by.equals(r.host()) && r.via().stream().anyMatch(h -> h.host().equals(by) || h.name().equalsIgnoreCase(by))) {
          return Optional.of(by);
        }
      }
    }
    return Optional.empty();
  }

  /** ssh's words when a host refuses every key: "user@host: Permission denied (publickey)". */
  private static final java.util.regex.Pattern REFUSED_BY = java.util.regex.Pattern.compile(
      "[A-Za-z0-9_.$-]+@([A-Za-z0-9.-]+): Permission denied \\(");

  public DispatchRecord withActivities(List<BuildActivity> found) {
    return new DispatchRecord(derivation, builderUri, placement, outcome, error, errorLine,
        warnings, errors, outputPath, found, crossCheck, likelyCause, route, builderAccount);
  }

  /**
   * The record with what the other hosts say. A failed build whose jump host's log shows it
   * refusing root's ssh every time failed there: whatever Nix said after it (that no builder
   * could take the build), the builder was never reached.
   */
  public DispatchRecord withCrossCheck(String output, CrossCheck check) {
    Optional<ErrorClass> e = outcome == Outcome.FAILED && !check.jumpRefusals().isEmpty()
        ? Optional.of(ErrorClass.SSH_JUMP_AUTHENTICATION) : error;
    return new DispatchRecord(derivation, builderUri, placement, outcome, e, errorLine,
        warnings, errors, Optional.of(output), activities, check, likelyCause, route, builderAccount);
  }

  public DispatchRecord withLikelyCause(Optional<String> cause) {
    return new DispatchRecord(derivation, builderUri, placement, outcome, error, errorLine,
        warnings, errors, outputPath, activities, crossCheck, cause, route, builderAccount);
  }

  /**
   * The record with the login shell of {@code user}, the SSH user on builder {@code host}, as
   * that host's passwd gives it. A builder's end that closed before Nix spoke, for a user
   * whose shell runs no commands (nologin, false), closed because of it: Nix lost the race to
   * read what the shell said, so its log alone could not tell.
   */
  public DispatchRecord withBuilderLoginShell(String host, String user, String shell) {
    String name = shell.substring(shell.lastIndexOf('/') + 1);
    Optional<ErrorClass> e = error.filter(x -> x == ErrorClass.REMOTE_CLOSED_EARLY).isPresent()
        && (name.equals("nologin") || name.equals("false")) ? Optional.of(ErrorClass.REMOTE_LOGIN_SHELL) : error;
    return new DispatchRecord(derivation, builderUri, placement, outcome, e, errorLine, warnings, errors, outputPath,
        activities, crossCheck, likelyCause, route,
        Optional.of(host + ": the login shell of " + user + " is " + (shell.isEmpty() ? "(none: no such user)" : shell)));
  }

  /**
   * Whether the structured log agrees with the text: one build activity for a build that
   * ran, naming the same machine ({@code ""} for local), none for a build that did not.
   */
  public boolean logReadingsAgree() {
    List<BuildActivity> activities = ownActivities();
    return switch (placement) {
      case REMOTE -> activities.size() == 1 && activities.get(0).machine().equals(builderUri.orElse(""));
      case LOCAL -> activities.size() == 1 && activities.get(0).isLocal();
      case NOWHERE -> activities.isEmpty();
    };
  }

  /** The client's own build activities, without those the builder's daemon forwarded. */
  public List<BuildActivity> ownActivities() {
    return activities.stream().filter(a -> !a.forwarded()).toList();
  }

  /** A one-line account of what happened, for failure messages and the report. */
  public String summary() {
    String where = switch (placement) {
      case REMOTE -> "dispatched to " + builderNamed();
      case LOCAL -> "built locally on its client";
      case NOWHERE -> "not built anywhere";
    };
    String how = outcome == Outcome.FAILED
        ? ", failed" + error.map(e -> " (" + e.meaning(errorLine.orElse("")) + (crossCheck.jumpRefusals().isEmpty() ? ""
                : ", at " + String.join(" and ", new java.util.TreeSet<>(crossCheck.jumpRefusals().keySet()))) + ")")
            .orElse(errorLine.map(l -> " (unrecognised error: '" + l + "')").orElse(""))
        : outcome == Outcome.RUNNING ? ", still running" : ", succeeded";
    return where + how;
  }

  public List<Evidence> evidence() {
    List<Evidence> out = new ArrayList<>();
    builderUri.ifPresentOrElse(
        uri -> out.add(new Evidence(Evidence.Source.CLIENT_LOG,
            "building '" + derivation.orElse("?") + "' on '" + uri + "'")),
        () -> out.add(new Evidence(Evidence.Source.CLIENT_LOG,
            placement == Placement.LOCAL ? "built without a remote builder" : "no build line")));
    route.filter(r -> r.isAlias() || !r.via().isEmpty()).ifPresent(r -> out.add(new Evidence(Evidence.Source.SSH_CONFIG,
        r.name() + " is " + r.host() + " (user " + r.user() + ", port " + r.port() + ")"
            + (r.via().isEmpty() ? "" : ", reached via " + String.join(" and ", r.viaHosts())))));
    errorLine.ifPresent(l -> out.add(new Evidence(Evidence.Source.CLIENT_LOG, l)));
    errors.stream().filter(l -> !errorLine.orElse("").equals(l))
        .forEach(l -> out.add(new Evidence(Evidence.Source.CLIENT_LOG, l)));
    warnings.forEach(w -> out.add(new Evidence(Evidence.Source.CLIENT_LOG, w)));
    out.add(new Evidence(Evidence.Source.CLIENT_JSON, activities.isEmpty() ? "no build activity"
        : activities.stream().map(BuildActivity::toString).collect(Collectors.joining("; "))));
    crossCheck.outputOnHost().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        out.add(new Evidence(Evidence.Source.HOST_STORE, e.getKey()
            + (e.getValue() ? " holds " : " does not hold ") + outputPath.orElse("the output"))));
    crossCheck.ranOnHost().entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(Map.Entry::getValue)
        .forEach(e -> out.add(new Evidence(Evidence.Source.PROBE_JOURNAL, e.getKey() + " ran the probe")));
    crossCheck.jumpRefusals().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.add(new Evidence(Evidence.Source.JUMP_HOST_LOG, e.getKey() + ": " + e.getValue())));
    builderAccount.ifPresent(a -> out.add(new Evidence(Evidence.Source.BUILDER_ACCOUNT, a)));
    return out;
  }

  public String evidenceText() {
    return evidence().stream().map(e -> "  - " + e).collect(Collectors.joining("\n"));
  }
}
