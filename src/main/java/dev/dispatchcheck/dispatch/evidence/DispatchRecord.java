package dev.dispatchcheck.dispatch.evidence;

import dev.dispatchcheck.dispatch.log.BuildActivity;
import dev.dispatchcheck.dispatch.log.ErrorClass;

import dev.dispatchcheck.dispatch.config.StoreUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which builder took which derivation, and the evidence for it, from three independent
 * sources: the client's log (read as text, and as internal-json {@link #activities()}),
 * the other hosts' stores and the probe journals on the hosts ({@link #crossCheck()}).
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
    Optional<String> likelyCause) {

  public DispatchRecord {
    warnings = List.copyOf(warnings);
    errors = List.copyOf(errors);
    activities = List.copyOf(activities);
  }

  /** The builder's host name from its URI, e.g. {@code aarch64-linux-1}. */
  public Optional<String> builder() {
    return builderUri.map(uri -> new StoreUri(uri).host());
  }

  public DispatchRecord withActivities(List<BuildActivity> found) {
    return new DispatchRecord(derivation, builderUri, placement, outcome, error, errorLine,
        warnings, errors, outputPath, found, crossCheck, likelyCause);
  }

  public DispatchRecord withCrossCheck(String output, CrossCheck check) {
    return new DispatchRecord(derivation, builderUri, placement, outcome, error, errorLine,
        warnings, errors, Optional.of(output), activities, check, likelyCause);
  }

  public DispatchRecord withLikelyCause(Optional<String> cause) {
    return new DispatchRecord(derivation, builderUri, placement, outcome, error, errorLine,
        warnings, errors, outputPath, activities, crossCheck, cause);
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
      case REMOTE -> "dispatched to " + builder().orElse("?");
      case LOCAL -> "built locally on its client";
      case NOWHERE -> "not built anywhere";
    };
    String how = outcome == Outcome.FAILED
        ? ", failed" + error.map(e -> " (" + e.meaning(errorLine.orElse("")) + ")")
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
    return out;
  }

  public String evidenceText() {
    return evidence().stream().map(e -> "  - " + e).collect(Collectors.joining("\n"));
  }
}
