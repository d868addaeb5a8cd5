package dev.dispatchcheck.dispatch.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The names dispatchcheck gives its own hosts, and the builder names that clash with them
 * or with each other. A stand-in answers to its builder's name on the farm's network: a
 * builder named like one of the harness's hosts would fail late, after hosts started, and
 * two builder directories whose names differ only in case (which DNS does not tell apart)
 * would leave it to their order which nix.conf the builder gets.
 */
public final class HarnessHosts {
  /** The agent host's name, where the farm's agent files are deployed. */
  public static final String AGENT = "agent";
  /** The client host a scenario may add. */
  public static final String CLIENT = "client";
  static final List<String> ALL = List.of(AGENT, CLIENT);

  private HarnessHosts() {}

  /** Whether {@code host} is the name of one of the harness's hosts, as DNS compares names. */
  static boolean taken(String host) {
    return ALL.stream().anyMatch(h -> h.equalsIgnoreCase(host));
  }

  /** What a finding says of a builder named like a harness host; {@code what} names it. */
  static String takenBy(String what) {
    return what + " is the name of one of dispatchcheck's own hosts (" + String.join(", ", ALL) + "), so no stand-in"
        + " can answer to it: dispatchcheck cannot check a farm with a builder of that name";
  }

  /** An error for each builder directory named like a harness host, or like another builder directory but for case. */
  static List<Finding> directoryClashes(Set<String> hosts) {
    List<Finding> out = new ArrayList<>();
    Map<String, List<String>> byName = new TreeMap<>();
    for (String host : hosts) byName.computeIfAbsent(host.toLowerCase(), h -> new ArrayList<>()).add(host);
    for (String host : hosts) {
      String file = FarmLayout.farmPathOfBuilderNixConf(host);
      if (taken(host)) out.add(new Finding(Severity.ERROR, file, 0, takenBy("builders/" + host + "/"), ""));
      List<String> same = byName.get(host.toLowerCase()).stream().filter(h -> !h.equals(host)).toList();
      if (!same.isEmpty()) {
        out.add(new Finding(Severity.ERROR, file, 0, "builders/" + host + "/ and " + String.join(", ",
            same.stream().map(h -> "builders/" + h + "/").toList()) + " name the same host (host names do not differ"
            + " by case), so which nix.conf its stand-in gets would be a matter of order; keep one", ""));
      }
    }
    return out;
  }
}
