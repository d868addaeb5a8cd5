package dev.dispatchcheck.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.dispatchcheck.run.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of feature files on the Cucumber engine of the JUnit Platform, for one Nix
 * pair, with the reports written to that pair's directory. Self-checks left out of a run
 * are excluded from its plan, not counted as skipped.
 */
final class ScenarioRun {
  private final List<Path> features;
  private final Path reportDir;
  private final boolean selfChecks;
  private final Optional<Pattern> name;
  private final Optional<String> tags;
  private final Optional<Shard> shard;
  private int parallelism = 1;

  ScenarioRun(List<Path> features, Path reportDir, boolean selfChecks, Optional<Pattern> name, Optional<String> tags) {
    this(features, reportDir, selfChecks, name, tags, Optional.empty());
  }

  ScenarioRun(List<Path> features, Path reportDir, boolean selfChecks, Optional<Pattern> name, Optional<String> tags,
      Optional<Shard> shard) {
    this.features = List.copyOf(features);
    this.reportDir = reportDir;
    this.selfChecks = selfChecks;
    this.name = name;
    this.tags = tags;
    this.shard = shard;
  }

  /** How many scenarios run at once; each has its own network and hosts. */
  ScenarioRun parallel(int n) {
    this.parallelism = Math.max(1, n);
    return this;
  }

  List<ScenarioResult> run(Progress progress, String label) {
    var builder = LauncherDiscoveryRequestBuilder.request()
        .selectors(features.stream().flatMap(ScenarioRun::featureFiles).map(p -> selectFile(p.toFile())).toList())
        .filters(EngineFilter.includeEngines("cucumber"))
        .configurationParameters(configuration());
    if (!selfChecks) builder.filters(TagFilter.excludeTags("selfcheck"));
    tags.ifPresent(t -> builder.filters(TagFilter.includeTags(t)));
    name.ifPresent(n -> builder.filters(byName(n)));
    shard.ifPresent(k -> builder.filters(k.filter()));
    LauncherDiscoveryRequest request = builder.build();
    ScenarioListener listener = new ScenarioListener(progress, label);
    LauncherFactory.create().execute(request, listener);
    return listener.results();
  }

  private static Stream<Path> featureFiles(Path p) {
    if (!Files.isDirectory(p)) return Stream.of(p);
    try (Stream<Path> s = Files.list(p)) {
      return s.filter(f -> f.toString().endsWith(".feature")).sorted().toList().stream();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + p, e);
    }
  }

  /** cucumber.properties, with the reports going to this pair's directory. */
  private Map<String, String> configuration() {
    Properties p = new Properties();
    try (InputStream in = ScenarioRun.class.getResourceAsStream("/cucumber.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> out = new HashMap<>();
    p.forEach((k, v) -> out.put((String) k, (String) v));
    if (parallelism > 1) {
      out.put("cucumber.execution.parallel.enabled", "true");
      out.put("cucumber.execution.parallel.config.strategy", "fixed");
      out.put("cucumber.execution.parallel.config.fixed.parallelism", String.valueOf(parallelism));
      out.put("cucumber.execution.parallel.config.fixed.max-pool-size", String.valueOf(parallelism));
    }
    out.put("cucumber.plugin", "html:" + reportDir.resolve("cucumber.html") + ",message:"
        + reportDir.resolve("cucumber.ndjson") + ",junit:" + reportDir.resolve("cucumber.xml"));
    return out;
  }

  /** Keeps the scenarios whose name matches, as Cucumber's name filter would. */
  private static PostDiscoveryFilter byName(Pattern pattern) {
    return descriptor -> !descriptor.isTest() || pattern.matcher(descriptor.getDisplayName()).find()
        ? FilterResult.included("name matches") : FilterResult.excluded("name does not match " + pattern);
  }

}
