package dev.dispatchcheck.run;



import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Testcontainers reads two settings from the environment only: {@code
 * TESTCONTAINERS_RYUK_DISABLED} (its reaper cannot be pulled offline, and the harness
 * cleans up itself) and {@code TESTCONTAINERS_HOST_OVERRIDE} (the harness maps no ports;
 * without it, in a container, Testcontainers runs {@code alpine} to find the gateway). The
 * launcher and Maven set both. The jar run alone ({@code java -jar}) for a command that
 * talks to Docker runs itself again, once, with what is missing set, and ends with that
 * run's exit code.
 */
public final class TestcontainersEnvironment {
  static final Map<String, String> NEEDED = Map.of(
      "TESTCONTAINERS_RYUK_DISABLED", "true",
      "TESTCONTAINERS_HOST_OVERRIDE", "localhost");
  /** Commands that never talk to Docker, and need no second JVM. */
  private static final Set<String> WITHOUT_DOCKER = Set.of("lint", "plan", "report", "-h", "--help", "-V", "--version");
  /** How long this JVM, asked to end, waits for the run to end its own way (it removes its hosts). */
  private static final long HAND_OVER_SECONDS = 90;

  private TestcontainersEnvironment() {}

  /** The settings {@code environment} lacks, with the values the harness needs. */
  static Map<String, String> missing(Map<String, String> environment) {
    Map<String, String> out = new TreeMap<>(NEEDED);
    out.keySet().removeIf(k -> environment.get(k) != null && !environment.get(k).isBlank());
    return out;
  }

  /** The exit code of this command run again with the settings, if it had to be; empty when it runs here. */
  public static Optional<Integer> rerunIfMissing(String[] args, Class<?> main) {
    Map<String, String> missing = missing(Settings.fromEnvironment().environment());
    Optional<Path> jar = ProjectDir.jar();
    if (missing.isEmpty() || jar.isEmpty() || args.length == 0 || WITHOUT_DOCKER.contains(args[0])) return Optional.empty();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
    command.addAll(given);
    command.addAll(jvmFlags(given));
    command.addAll(List.of("-cp", jar.get().toString(), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(missing);
    try {
      Process run = builder.start();
      // Ctrl-C reaches both JVMs; a signal to this one alone is passed on, and the run ends its way.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        run.destroy();
        awaitQuietly(run);
      }));
      return Optional.of(run.waitFor());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(ExitCode.ENVIRONMENT);
    }
  }

  /**
   * The launcher's JVM flags (see {@code ./dispatchcheck}), for the run that does the work,
   * where {@code given} names no JIT tier or collector of its own: the JVM waits on hosts
   * most of the time, and on two cores the optimising compiler and G1's threads took CPU
   * the hosts needed.
   */
  static List<String> jvmFlags(List<String> given) {
    List<String> out = new ArrayList<>();
    if (given.stream().noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.startsWith("-XX:-TieredCompilation"))) {
      out.add("-XX:TieredStopAtLevel=1");
    }
    if (given.stream().noneMatch(a -> a.matches("-XX:\\+Use\\w*GC"))) out.add("-XX:+UseSerialGC");
    return out;
  }

  private static void awaitQuietly(Process run) {
    try {
      run.waitFor(HAND_OVER_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
