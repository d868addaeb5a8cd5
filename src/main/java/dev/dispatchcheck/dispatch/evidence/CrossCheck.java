package dev.dispatchcheck.dispatch.evidence;

import java.util.List;
import java.util.Map;

/**
 * What the other hosts say about a build, independently of the client's log: whose store
 * holds the output, and whose probe journal records running it. The journal is the
 * builder's own record: the probe writes it on whatever host runs it. On a route through
 * jump hosts, a jump host's sshd log says whether it let root's ssh in at all.
 *
 * @param jumpRefusals by jump host on the build's route: what its sshd log says, where it
 *     refused root's ssh every time and never let it in
 */
public record CrossCheck(String client, Map<String, Boolean> outputOnHost, Map<String, Boolean> ranOnHost,
    Map<String, String> jumpRefusals) {
  /** Not cross-checked (yet): a verdict on a dispatch must not pass on this. */
  public static final CrossCheck NONE = new CrossCheck("", Map.of(), Map.of());

  public CrossCheck(String client, Map<String, Boolean> outputOnHost, Map<String, Boolean> ranOnHost) {
    this(client, outputOnHost, ranOnHost, Map.of());
  }

  /**
   * @param client the host the build was started on; its store is not asked (the output
   *     is copied back to it), but its journal is (a local build runs there)
   */
  public CrossCheck {
    outputOnHost = Map.copyOf(outputOnHost);
    ranOnHost = Map.copyOf(ranOnHost);
    jumpRefusals = Map.copyOf(jumpRefusals);
  }

  public List<String> hostsHoldingOutput() {
    return outputOnHost.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
  }

  public List<String> hostsThatRanIt() {
    return ranOnHost.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
  }
}
