package dev.dispatchcheck.dispatch.layout;

/**
 * How much of anything a farm may ask for. A farm comes with a pull request, perhaps an
 * outsider's, and CI runners share their engine: without a bound, one farm could plan
 * thousands of stand-ins and probe builds and take every job on the runner down. The
 * defaults fit real farms (tens of builders); an operator whose farm is larger raises a
 * limit with its option, which each finding names.
 *
 * @param builders stand-in builders one map starts ({@code --max-builders})
 * @param cells map cells, user × system × features, effects included ({@code --max-cells})
 * @param scenarios expectation scenarios of a farm, outline examples counted ({@code --max-scenarios})
 * @param buildsPerStep probe builds one expectation step asks for ({@code --max-builds-per-step})
 * @param concurrentBuilds probe builds one step runs at the same time ({@code --max-concurrent-builds})
 * @param lineLength characters in one line of a farm file ({@code --max-line-length})
 * @param includeDepth how deep {@code include} and {@code @file} chains may nest ({@code --max-include-depth})
 */
public record FarmLimits(int builders, int cells, int scenarios, int buildsPerStep, int concurrentBuilds,
    int lineLength, int includeDepth) {

  public static final FarmLimits DEFAULT = new FarmLimits(48, 600, 200, 20, 8, 16_384, 16);

  public FarmLimits {
    if (builders < 1 || cells < 1 || scenarios < 1 || buildsPerStep < 1 || concurrentBuilds < 1 || lineLength < 80
        || includeDepth < 1) {
      throw new IllegalArgumentException("a limit must be at least 1 (a line length at least 80)");
    }
  }

  /**
   * What a finding says of an {@code include} or {@code @file} past {@link #includeDepth}:
   * Nix follows a chain of any depth, dispatchcheck reads so far and no further (a chain
   * as deep as the input would otherwise exhaust the stack that reads it).
   *
   * @param include the include as the finding names it, e.g. {@code include '/etc/nix/a.conf'}
   */
  static String includeTooDeep(String include, int includeDepth) {
    return include + " nests more than " + includeDepth + " files deep, dispatchcheck's limit for include and @file"
        + " chains (raise it with --max-include-depth); that file is not read";
  }
}
