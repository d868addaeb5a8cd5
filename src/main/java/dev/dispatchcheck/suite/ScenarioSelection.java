package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.ReportRun;

import dev.dispatchcheck.run.Shard;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

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
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Which scenarios a run takes: the feature files (a directory stands for its *.feature
 * files), whether self-checks count, and the {@code --name}, {@code --tags} (as the user
 * wrote it, in Cucumber's form or JUnit's: see {@link TagExpression}) and {@code --shard} filters. The same selection is validated
 * before any host starts and then run.
 */
public record ScenarioSelection(List<Path> features, boolean selfChecks, Optional<Pattern> name, Optional<String> tags,
    Optional<Shard> shard) {

  /** @throws IllegalArgumentException when the tag expression parses in neither form (exit 2) */
  public ScenarioSelection {
    features = List.copyOf(features);
    tags.ifPresent(TagExpression::toJUnit);
  }

  /** Whether the run takes every scenario there is: no name, tag or shard filter. */
  public boolean complete() {
    return name.isEmpty() && tags.isEmpty() && shard.isEmpty();
  }

  /** A new run directory for these scenarios, recording their filters. */
  public ReportRun reportRun(Path reports, String command) {
    return ReportRun.open(reports, command, name.map(Object::toString).orElse(null), tags.orElse(null),
        shard.map(Shard::toString).orElse(null), complete());
  }

  /** The same scenarios without the name and tag filters: what a filter chose from. */
  ScenarioSelection unfiltered() {
    return new ScenarioSelection(features, selfChecks, Optional.empty(), Optional.empty(), shard);
  }

  /** The same scenarios in every shard. */
  ScenarioSelection allShards() {
    return new ScenarioSelection(features, selfChecks, name, tags, Optional.empty());
  }

  List<Path> files() {
    return features.stream().flatMap(ScenarioSelection::featureFiles).toList();
  }

  /** A discovery request for these scenarios on the Cucumber engine, with cucumber.properties and {@code overrides}. */
  public LauncherDiscoveryRequestBuilder request(Map<String, String> overrides) {
    Map<String, String> configuration = cucumberProperties();
    configuration.putAll(overrides);
    var builder = LauncherDiscoveryRequestBuilder.request()
        .selectors(files().stream().map(p -> selectFile(p.toFile())).toList())
        .filters(EngineFilter.includeEngines("cucumber"))
        .configurationParameters(configuration);
    if (!selfChecks) builder.filters(TagFilter.excludeTags("selfcheck"));
    tags.ifPresent(t -> builder.filters(TagFilter.includeTags(TagExpression.toJUnit(t))));
    name.ifPresent(n -> builder.filters(byName(n)));
    shard.ifPresent(k -> builder.filters(k.filter()));
    return builder;
  }

  private static Stream<Path> featureFiles(Path p) {
    if (!Files.isDirectory(p)) return Stream.of(p);
    try (Stream<Path> s = Files.list(p)) {
      return s.filter(f -> f.toString().endsWith(".feature")).sorted().toList().stream();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + p, e);
    }
  }

  private static Map<String, String> cucumberProperties() {
    Properties p = new Properties();
    try (InputStream in = ScenarioSelection.class.getResourceAsStream("/cucumber.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> out = new HashMap<>();
    p.forEach((k, v) -> out.put((String) k, (String) v));
    return out;
  }

  /** Keeps the scenarios whose name matches, as Cucumber's name filter would. */
  private static PostDiscoveryFilter byName(Pattern pattern) {
    return descriptor -> !descriptor.isTest() || pattern.matcher(descriptor.getDisplayName()).find()
        ? FilterResult.included("name matches") : FilterResult.excluded("name does not match " + pattern);
  }
}
