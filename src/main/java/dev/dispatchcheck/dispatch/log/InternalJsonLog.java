package dev.dispatchcheck.dispatch.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads nix-build's {@code --log-format internal-json} output ({@code @nix {...}} lines),
 * the same on Nix 2.8 and 2.26. It yields the build activities, structured, and a text
 * rendering of what Nix would print at its default verbosity, so that the same log can be
 * read twice, as structure and as text, and the two readings compared.
 */
public final class InternalJsonLog {
  private static final String PREFIX = "@nix ";
  private static final int BUILD = 105;
  private static final int BUILD_LOG_LINE = 101;
  /** The post-build hook's activity. */
  private static final int POST_BUILD_HOOK = 110;
  private static final int INFO = 3;
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
  private static final ObjectMapper JSON = new ObjectMapper();

  private InternalJsonLog() {}

  /**
   * The log as Nix prints it without the flag: messages, activity starts with "...", build
   * output. The post-build hook's start is rendered whatever its level (Nix 2.8 prints it,
   * later versions log it one level below the default): it is the one line that says which
   * program a failed one was. The hook's own output is not: it could say anything, an SSH
   * error's words included, and no cause may be read from it.
   */
  public static String render(String raw) {
    StringBuilder out = new StringBuilder();
    for (String line : raw.split("\n", -1)) {
      if (!line.startsWith(PREFIX)) {
        if (!line.isEmpty()) out.append(line).append('\n');
        continue;
      }
      JsonNode n = parse(line);
      if (n == null) {
        out.append(line).append('\n');
        continue;
      }
      String action = n.path("action").asText();
      int level = n.path("level").asInt(0);
      if (action.equals("msg") && level <= INFO) {
        out.append(plain(n.path("msg").asText())).append('\n');
      } else if (action.equals("start") && (level <= INFO || n.path("type").asInt() == POST_BUILD_HOOK)
          && !n.path("text").asText().isEmpty()) {
        out.append(plain(n.path("text").asText())).append("...\n");
      } else if (action.equals("result") && n.path("type").asInt() == BUILD_LOG_LINE) {
        out.append(plain(n.path("fields").path(0).asText())).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Every build activity in the log, in order. A local activity for a derivation whose
   * remote dispatch activity is still open is the builder's daemon speaking through the
   * ssh-ng connection (Nix 2.8 logs no parent ids, so nesting is read from start/stop
   * order, which every version logs).
   */
  public static List<BuildActivity> activities(String raw) {
    List<BuildActivity> out = new ArrayList<>();
    Map<Long, String> openDispatches = new HashMap<>();
    for (String line : raw.split("\n")) {
      if (!line.startsWith(PREFIX)) continue;
      JsonNode n = parse(line);
      if (n == null) continue;
      String action = n.path("action").asText();
      if (action.equals("stop")) {
        openDispatches.remove(n.path("id").asLong());
      } else if (action.equals("start") && n.path("type").asInt() == BUILD) {
        JsonNode f = n.path("fields");
        String drv = f.path(0).asText();
        String machine = f.path(1).asText();
        boolean forwarded = machine.isEmpty() && openDispatches.containsValue(drv);
        if (!machine.isEmpty()) openDispatches.put(n.path("id").asLong(), drv);
        out.add(new BuildActivity(drv, machine, forwarded));
      }
    }
    return out;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line.substring(PREFIX.length()));
    } catch (IOException e) {
      return null; // a line cut short: kept as text by render, ignored by activities
    }
  }

  private static String plain(String s) {
    return ANSI.matcher(s).replaceAll("").replace("\r", "");
  }
}
