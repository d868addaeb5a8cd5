package dev.dispatchcheck.dispatch.layout;

/**
 * How much of anything a farm may ask for. A farm comes with a pull request, perhaps an
 * outsider's, and CI runners share their engine: without a bound, one farm could plan
 * thousands of stand-ins and probe builds and take every job on the runner down. The
 * defaults fit real farms (tens of builders); an operator whose farm is larger raises a
 * limit with its option, which each finding names.
 *
 * <p>They bound the containers one {@code check} has on the engine at once, each with
 * memory, pids and CPU limits of its own (driver.ContainerLimits):
 *
 * <pre>
 *   1 + (1 + W) × (B + 2)       at the defaults 1 + 7 × 50 = 351
 * </pre>
 *
 * where 1 is the run's lease; a farm is at most B + 2 hosts, B = {@code builders}: its
 * agent host, its stand-ins or the rows of an expectation's builder table (at most B
 * either way), and the client host a scenario may add; one farm is in use at a time (the
 * maps, then the expectations one by one); and the run's pool keeps at most W more, idle or
 * being reset (W = {@code -Ddispatchcheck.warm.idle}, 6 by default). A pair's hosts go
 * before the next pair's start. With {@code --before}, FARM_DIR's farm waits in the pool
 * while BEFORE's is mapped, so both are up at once, unless both have the same hosts: then
 * BEFORE's map, and the expectations on "the farm under check", reuse FARM_DIR's farm.
 * The guide's example ({@code --before examples/guide-farm-before examples/guide-farm})
 * peaks so at 4 containers: the lease, an agent host and two stand-ins. Image builds come
 * before any host and are not counted.
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
   * What a finding past a limit ends with: "dispatchcheck starts at most 48 (raise it with
   * --max-builders 2001)", so that the operator of a farm that large knows the one option
   * to give.
   *
   * @param does what dispatchcheck does up to the limit, e.g. "starts"
   * @param limit the limit now
   * @param option the limit's option, e.g. {@code --max-builders}
   * @param asked what the farm asks for
   */
  public static String atMost(String does, int limit, String option, Number asked) {
    return "dispatchcheck " + does + " at most " + limit + " (raise it with " + option + " " + asked + ")";
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
