package dev.dispatchcheck.dispatch.evidence;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a build started by a hercules-ci-agent effect reaches the system daemon, as far as
 * its settings go: the effect's client talks to the agent's proxy, which serves it as an
 * untrusted client and forwards the agent's dotfile and {@code nixSettings} (applied as
 * {@code --option}s, in key order) as its own; the daemon obeys those only if the agent is
 * trusted. Of the effect's own settings only an empty {@code builders} gets through.
 *
 * @param nixSettings the agent configuration's {@code nixSettings}, sorted by key as the agent passes them
 * @param ownBuilders the builders the effect's own nix-build names ({@code --builders}), if any
 */
public record EffectPath(SortedMap<String, String> nixSettings, Optional<String> ownBuilders) {
  public EffectPath {
    nixSettings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nixSettings));
  }

  public static EffectPath of(Map<String, String> nixSettings, Optional<String> ownBuilders) {
    return new EffectPath(new TreeMap<>(nixSettings), ownBuilders);
  }

  /** The effect switched remote builds off: the one builders value an untrusted client may set. */
  public boolean ownBuildersEmpty() {
    return ownBuilders.filter(String::isBlank).isPresent();
  }

  /**
   * The builders value the agent's side asks the daemon for, if it sets one: {@code
   * nixSettings} win over the dotfile's, being applied later ({@code dotfileBuilders}).
   */
  public Optional<String> agentBuilders(Optional<String> dotfileBuilders) {
    return Optional.ofNullable(nixSettings.get("builders")).or(() -> dotfileBuilders);
  }
}
