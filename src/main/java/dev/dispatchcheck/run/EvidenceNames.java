package dev.dispatchcheck.run;

/** Where a scenario's evidence lives under its pair's report, named the same by whoever writes or links it. */
public final class EvidenceNames {
  private EvidenceNames() {}

  /** e.g. "05-single-builder-example--agent-uses-only-aarch64-linux-1-ssh-ng--line42". */
  public static String slug(String featureFile, String scenarioName, int line) {
    String feature = featureFile.replaceAll("^.*/", "").replace(".feature", "");
    return feature + "--" + scenarioName.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
        + "--line" + line;
  }
}
