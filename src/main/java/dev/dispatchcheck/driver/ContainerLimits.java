package dev.dispatchcheck.driver;

import com.github.dockerjava.api.model.HostConfig;

/**
 * The memory, process and CPU limits every container of a run starts with. CI runners
 * share their engine, and a farm may come with an outsider's pull request: a host that
 * leaks memory, forks without end or spins must fail on its own (its build then has no
 * answer, a harness error) rather than take the runner and every other job on it down.
 * Swap is not given beyond the memory limit, so the limit is the limit.
 */
public final class ContainerLimits {
  /**
   * A Nix host: sshd, nix-daemon and, on the agent host, up to --max-concurrent-builds
   * probe builds at once, each a nix-build that evaluates (some 50-80 MB), a daemon worker
   * and a build hook with its ssh (some 40 MB more): about 1 GB at the default eight, so 2
   * GiB leaves room; a builder's probe build is a shell's sleep.
   */
  public static final long HOST_MEMORY = 2L << 30;
  /**
   * Threads count as pids: Nix's garbage collector starts up to 16 marker threads per
   * evaluating process, and its thread pools size themselves by the engine host's cores,
   * not the container's CPU limit; 4096 holds that on a runner of many cores, and still
   * stops a fork bomb long before the engine host's own limit.
   */
  public static final long HOST_PIDS = 4096;
  /** One CPU: a probe build sleeps; evaluating and copying a probe is seconds of one core. */
  public static final long HOST_NANO_CPUS = 1_000_000_000L;

  /** The run's lease: a sleeping shell that the run touches a file in every few seconds. */
  public static final long LEASE_MEMORY = 64L << 20;
  public static final long LEASE_PIDS = 32;
  public static final long LEASE_NANO_CPUS = 250_000_000L;

  private ContainerLimits() {}

  /** {@code config} with a Nix host's limits. */
  public static HostConfig host(HostConfig config) {
    return config.withMemory(HOST_MEMORY).withMemorySwap(HOST_MEMORY).withPidsLimit(HOST_PIDS).withNanoCPUs(HOST_NANO_CPUS);
  }

  /** {@code config} with the lease's limits. */
  public static HostConfig lease(HostConfig config) {
    return config.withMemory(LEASE_MEMORY).withMemorySwap(LEASE_MEMORY).withPidsLimit(LEASE_PIDS)
        .withNanoCPUs(LEASE_NANO_CPUS);
  }
}
