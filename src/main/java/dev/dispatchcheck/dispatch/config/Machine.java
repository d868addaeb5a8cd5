package dev.dispatchcheck.dispatch.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One builder line of a Nix machines file, with all eight fields. Optional fields are
 * empty when the line says {@code -} (or leaves them out).
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

  /** The store URI, read by Nix's rule for a machines line. */
  public StoreUri uri() {
    return new StoreUri(storeUri);
  }

  /** The host part of the store URI, e.g. {@code aarch64-linux-1} for {@code ssh://root@aarch64-linux-1}. */
  public String hostName() {
    return uri().host();
  }
}
