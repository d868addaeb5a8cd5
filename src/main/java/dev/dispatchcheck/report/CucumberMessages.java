package dev.dispatchcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reading Cucumber's messages (cucumber.ndjson, one envelope a line) without Cucumber on
 * the class path: the command line sees them as JSON. Only Gherkin's nodes carry lines;
 * pickles and test cases point at them by id.
 */
public final class CucumberMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CucumberMessages() {}

  /** Each envelope whose line {@code wanted} accepts (see {@link #ofKind}), so that a report's long attachments are never parsed. */
  public static void forEach(Path ndjson, Predicate<String> wanted, Consumer<JsonNode> each) {
    try (Stream<String> lines = Files.lines(ndjson)) {
      lines.filter(wanted).forEach(l -> each.accept(parse(l)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an envelope's line is of one of these kinds, e.g. "pickle", "gherkinDocument". */
  public static Predicate<String> ofKind(String... kinds) {
    return line -> Stream.of(kinds).anyMatch(k -> line.startsWith("{\"" + k + "\""));
  }

  /** Every node under {@code node} (itself included) that {@code which} accepts, by its id. */
  public static void index(JsonNode node, Predicate<JsonNode> which, Map<String, JsonNode> byId) {
    if (node.has("id") && which.test(node)) byId.put(node.get("id").asText(), node);
    node.elements().forEachRemaining(child -> index(child, which, byId));
  }

  public static Path file(JsonNode withUri) {
    return Path.of(URI.create(withUri.path("uri").asText()));
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
