package dev.dispatchcheck.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which builder took which derivation, and the evidence for it. Built from the client's
 * log by {@link DispatchLogParser}; the builders' stores are added with
 * {@link #withStores(Map)} so that a verdict can rest on both ends of the SSH link.
 */
public record DispatchRecord(
    Optional<String> derivation,
    Optional<String> builderUri,
    Placement placement,
    Outcome outcome,
    Optional<ErrorClass> error,
    Optional<String> errorLine,
    List<String> warnings,
    Optional<String> outputPath,
    Map<String, Boolean> outputOnBuilder,
    Optional<String> likelyCause) {

  public DispatchRecord {
    warnings = List.copyOf(warnings);
    outputOnBuilder = Map.copyOf(outputOnBuilder);
  }

  public DispatchRecord withLikelyCause(Optional<String> cause) {
    return new DispatchRecord(derivation, builderUri, placement, outcome, error, errorLine,
        warnings, outputPath, outputOnBuilder, cause);
  }

  /** The builder's host name from its URI, e.g. {@code aarch64-linux-1}. */
  public Optional<String> builder() {
    return builderUri.map(DispatchRecord::hostOf);
  }

  static String hostOf(String uri) {
    String rest = uri.contains("://") ? uri.substring(uri.indexOf("://") + 3) : uri;
    rest = rest.substring(rest.lastIndexOf('@') + 1);
    int end = rest.indexOf('/');
    if (end >= 0) rest = rest.substring(0, end);
    int colon = rest.indexOf(':');
    return colon >= 0 ? rest.substring(0, colon) : rest;
  }

  public DispatchRecord withStores(Map<String, Boolean> outputOnBuilder) {
    return new DispatchRecord(derivation, builderUri, placement, outcome, error, errorLine,
        warnings, outputPath, new LinkedHashMap<>(outputOnBuilder), likelyCause);
  }

  public DispatchRecord withOutputPath(String path) {
    return new DispatchRecord(derivation, builderUri, placement, outcome, error, errorLine,
        warnings, Optional.of(path), outputOnBuilder, likelyCause);
  }

  /** Builders whose store holds the output, by the store check. */
  public List<String> buildersHoldingOutput() {
    return outputOnBuilder.entrySet().stream().filter(Map.Entry::getValue)
        .map(Map.Entry::getKey).sorted().toList();
  }

  /** A one-line account of what happened, for failure messages and the report. */
  public String summary() {
    String where = switch (placement) {
      case REMOTE -> "dispatched to " + builder().orElse("?");
      case LOCAL -> "built locally on the agent host";
      case NOWHERE -> "not built anywhere";
    };
    String how = outcome == Outcome.FAILED
        ? ", failed" + error.map(e -> " (" + e.meaning() + ")").orElse("")
        : outcome == Outcome.RUNNING ? ", still running" : ", succeeded";
    return where + how;
  }

  public List<Evidence> evidence() {
    List<Evidence> out = new ArrayList<>();
    builderUri.ifPresentOrElse(
        uri -> out.add(new Evidence(Evidence.Source.CLIENT_LOG,
            "building '" + derivation.orElse("?") + "' on '" + uri + "'")),
        () -> out.add(new Evidence(Evidence.Source.CLIENT_LOG,
            placement == Placement.LOCAL ? "built without a remote builder" : "no dispatch line")));
    errorLine.ifPresent(l -> out.add(new Evidence(Evidence.Source.CLIENT_LOG, l)));
    warnings.forEach(w -> out.add(new Evidence(Evidence.Source.CLIENT_LOG, w)));
    outputOnBuilder.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        out.add(new Evidence(Evidence.Source.BUILDER_STORE, e.getKey()
            + (e.getValue() ? " holds " : " does not hold ") + outputPath.orElse("the output"))));
    return out;
  }

  public String evidenceText() {
    return evidence().stream().map(e -> "  - " + e).collect(Collectors.joining("\n"));
  }
}
