package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.SshConfig;
import dev.dispatchcheck.dispatch.config.SshPatterns;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The agent host's ssh_config files the farm holds: the system's ({@code /etc/ssh/ssh_config}
 * and {@code /etc/ssh/ssh_config.d/*}), every user's {@code ~/.ssh/config}, and whatever
 * their {@code Include} lines reach among the farm's files, as OpenSSH resolves them: a
 * leading {@code ~} is the home of the user whose ssh reads it (root's for the system
 * files: the daemon runs ssh as root), a relative path is under {@code ~/.ssh} for a user's
 * file and {@code /etc/ssh} for the system's, and {@code *}, {@code ?} and {@code [...]}
 * match within one path component. Files are visited once each, however often included.
 */
final class SshConfigFiles {
  static final String SYSTEM = "/etc/ssh/ssh_config";
  private static final String SYSTEM_DIR = "/etc/ssh/ssh_config.d/";
  private static final String USER_CONFIG = "/.ssh/config";

  private SshConfigFiles() {}

  /** Deployed path to the file, parsed (once a walk: each reader's walk parses each file once), sorted by path. */
  static Map<String, SshConfig> of(FarmLayout layout) {
    Map<String, SshConfig> found = new TreeMap<>();
    Deque<String[]> todo = new ArrayDeque<>(); // path, home of the user whose ssh reads it ("" for the system's)
    layout.agentFiles().keySet().forEach(p -> {
      if (p.equals(SYSTEM) || p.startsWith(SYSTEM_DIR)) todo.add(new String[] {p, ""});
      else if (p.endsWith(USER_CONFIG)) todo.add(new String[] {p, p.substring(0, p.length() - USER_CONFIG.length())});
    });
    while (!todo.isEmpty()) {
      String[] next = todo.poll();
      String path = next[0];
      String home = next[1];
      if (found.containsKey(path)) continue;
      SshConfig config = SshConfig.parse(layout.agentFiles().get(path));
      found.put(path, config);
      for (SshConfig.Line l : config.lines()) {
        if (!l.is("Include")) continue;
        for (String arg : l.args()) {
          String glob = FarmLayout.normalize(resolve(arg, home));
          layout.agentFiles().keySet().stream().filter(p -> globMatches(glob, p)).forEach(p -> todo.add(new String[] {p, home}));
        }
      }
    }
    return found;
  }

  /** readconf.c, Include: tilde, then relative to the user's ~/.ssh or /etc/ssh. */
  static String resolve(String arg, String home) {
    String tildeHome = home.isEmpty() ? FarmUser.ROOT.home() : home;
    if (arg.equals("~") || arg.startsWith("~/")) return tildeHome + arg.substring(1);
    if (arg.startsWith("/")) return arg;
    return (home.isEmpty() ? "/etc/ssh/" : home + "/.ssh/") + arg;
  }

  /**
   * Whether {@code path} matches the glob(3) pattern {@code pattern}: component by component
   * (a wildcard never matches a '/'), each by the linear wildcard match, with no regular
   * expression: a farm's pattern of many stars must not make lint backtrack for ever.
   */
  static boolean globMatches(String pattern, String path) {
    String[] patterns = pattern.split("/", -1);
    String[] parts = path.split("/", -1);
    if (patterns.length != parts.length) return false;
    for (int i = 0; i < parts.length; i++) if (!SshPatterns.matches(tokens(patterns[i]), parts[i])) return false;
    return true;
  }

  /** One component's pattern as one test a character; null stands for '*'. */
  private static List<IntPredicate> tokens(String pattern) {
    List<IntPredicate> tokens = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      int close = c == '[' ? pattern.indexOf(']', i + 2) : -1;
      if (c == '*') {
        tokens.add(null);
      } else if (c == '?') {
        tokens.add(x -> true);
      } else if (close > 0) {
        tokens.add(set(pattern.substring(i + 1, close)));
        i = close;
      } else {
        tokens.add(x -> x == c);
      }
    }
    return tokens;
  }

  /** A bracket expression's inside: characters and ranges, negated by a leading '!'. */
  private static IntPredicate set(String inside) {
    boolean negated = inside.startsWith("!");
    String s = negated ? inside.substring(1) : inside;
    IntPredicate any = x -> false;
    for (int j = 0; j < s.length(); j++) {
      char from = s.charAt(j);
      char to = j + 2 < s.length() && s.charAt(j + 1) == '-' ? s.charAt(j += 2) : from;
      any = any.or(x -> x >= from && x <= to);
    }
    return negated ? any.negate() : any;
  }
}
