package dev.dispatchcheck.driver.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a host is, as far as the next scenario could tell. From {@code nix-host-warm state}:
 * every entry, owner, mode and content under the trees a reset restores, the store's
 * paths, the running processes counted by user and command, and every path outside those
 * trees changed since the pristine state was recorded. From Docker: the container's own
 * condition. Two states are compared line by line; nothing is summarised away.
 *
 * @param lines the lines {@code nix-host-warm state} printed
 * @param container what is wrong with the container itself (paused, stopped, another network)
 */
public record HostState(Set<String> lines, List<String> container) {
  public HostState {
    lines = new TreeSet<>(lines);
    container = List.copyOf(container);
  }

  /**
   * Each way this state differs from {@code pristine}: "+ " for what is here and was not,
   * "- " for what was and is gone. A changed file shows as both of its content lines.
   * Empty means clean.
   */
  public List<String> differencesFrom(HostState pristine) {
    List<String> out = new ArrayList<>(container);
    if (!container.isEmpty()) return out;
    Set<String> all = new TreeSet<>(pristine.lines);
    all.addAll(lines);
    for (String line : all) {
      boolean now = lines.contains(line);
      if (now != pristine.lines.contains(line)) out.add((now ? "+ " : "- ") + line);
    }
    return out;
  }
}
