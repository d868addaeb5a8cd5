package dev.dispatchcheck.dispatch.evidence;

import java.util.List;
import java.util.Map;

/**
 * What the other hosts say about a build, independently of the client's log: whose store
 * holds the output, and whose probe journal records running it. The journal is the
 * builder's own record: the probe writes it on whatever host runs it.
 */
public record CrossCheck(String client, Map<String, Boolean> outputOnHost, Map<String, Boolean> ranOnHost) {
  /** Not cross-checked (yet): a verdict on a dispatch must not pass on this. */
  public static final CrossCheck NONE = new CrossCheck("", Map.of(), Map.of());

  /**
   * @param client the host the build was started on; its store is not asked (the output
   *     is copied back to it), but its journal is (a local build runs there)
   */
  public CrossCheck {
    outputOnHost = Map.copyOf(outputOnHost);
    ranOnHost = Map.copyOf(ranOnHost);
  }

  public List<String> hostsHoldingOutput() {
    return outputOnHost.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
  }

  public List<String> hostsThatRanIt() {
    return ranOnHost.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
  }
}
