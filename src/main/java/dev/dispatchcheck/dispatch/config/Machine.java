package dev.dispatchcheck.dispatch.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One builder line of a Nix machines file, with all eight fields. Optional fields are
 * empty when the line says {@code -} (or leaves them out); {@link #render()} writes them
 * back as {@code -}, so parse and render round-trip.
 */
public record Machine(
    String storeUri,
    List<String> systems,
    Optional<String> sshKey,
    Optional<Integer> maxJobs,
    Optional<Double> speedFactor,
    Set<String> supportedFeatures,
    Set<String> mandatoryFeatures,
    Optional<String> publicHostKey) {

  public Machine {
    Objects.requireNonNull(storeUri, "storeUri");
    systems = List.copyOf(systems);
    supportedFeatures = Set.copyOf(supportedFeatures);
    mandatoryFeatures = Set.copyOf(mandatoryFeatures);
  }

  /** Nix prefixes {@code ssh://} to a store URI that names no scheme. */
  public String effectiveStoreUri() {
    return storeUri.contains("://") ? storeUri : "ssh://" + storeUri;
  }

  /** The host part of the store URI, e.g. {@code aarch64-linux-1} for {@code ssh://root@aarch64-linux-1}. */
  public String hostName() {
    return hostOf(storeUri);
  }

  /** The host part of a store URI as Nix writes it in logs or machines files, with or without a scheme. */
  public static String hostOf(String storeUri) {
    String rest = storeUri.contains("://") ? storeUri.substring(storeUri.indexOf("://") + 3) : storeUri;
    int query = rest.indexOf('?');
    if (query >= 0) rest = rest.substring(0, query);
    rest = rest.substring(rest.lastIndexOf('@') + 1);
    int slash = rest.indexOf('/');
    if (slash >= 0) rest = rest.substring(0, slash);
    int colon = rest.indexOf(':');
    return colon >= 0 ? rest.substring(0, colon) : rest;
  }

  /** "1" for a whole number, "1.5" otherwise, as an operator writes it. */
  private static String decimal(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  public String render() {
    return String.join(" ",
        storeUri,
        systems.isEmpty() ? "-" : String.join(",", systems),
        sshKey.orElse("-"),
        maxJobs.map(String::valueOf).orElse("-"),
        speedFactor.map(Machine::decimal).orElse("-"),
        supportedFeatures.isEmpty() ? "-" : String.join(",", new TreeSet<>(supportedFeatures)),
        mandatoryFeatures.isEmpty() ? "-" : String.join(",", new TreeSet<>(mandatoryFeatures)),
        publicHostKey.orElse("-"));
  }
}
