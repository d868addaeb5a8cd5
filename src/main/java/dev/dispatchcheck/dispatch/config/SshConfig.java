package dev.dispatchcheck.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ssh_config file read as OpenSSH reads it (readconf.c, 9.x): one keyword a line, taken
 * case-insensitively and separated from its arguments by whitespace or one {@code =};
 * blank lines and lines whose first word starts with {@code #} are comments. Arguments are
 * split as {@code argv_split} does: double or single quotes group words, a backslash
 * escapes a quote, a backslash or (unquoted) a space, and an unquoted {@code #} that starts
 * a word ends the line. A command-valued keyword ({@code ProxyCommand} …) takes the rest
 * of its line as written. {@code Host} and {@code Match} lines start a block, which runs to
 * the next such line or the end of the file.
 */
public record SshConfig(List<Line> lines) {

  /**
   * A line that holds a keyword.
   *
   * @param number 1-based
   * @param indent the whitespace before the keyword, as written
   * @param keyword as written (a quoted keyword without its quotes)
   * @param rest what follows the keyword and its separator, trailing whitespace removed: a command keyword's command
   * @param args {@code rest} split into arguments
   */
  public record Line(int number, String indent, String keyword, String rest, List<String> args) {
    public Line {
      args = List.copyOf(args);
    }

    public boolean is(String name) {
      return keyword.equalsIgnoreCase(name);
    }

    public boolean startsBlock() {
      return is("Host") || is("Match");
    }
  }

  private static final String WHITESPACE = " \t\r\n";

  public SshConfig {
    lines = List.copyOf(lines);
  }

  public static SshConfig parse(String text) {
    List<Line> lines = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) line(i + 1, raw[i]).ifPresent(lines::add);
    return new SshConfig(lines);
  }

  /** The lines of the block that the Host or Match line at {@code start} opens, up to the next one. */
  public List<Line> block(int start) {
    List<Line> block = new ArrayList<>();
    for (Line l : lines) {
      if (l.number() <= start) continue;
      if (l.startsBlock()) break;
      block.add(l);
    }
    return block;
  }

  /**
   * The commands a Match line's {@code exec} criteria run, negated ({@code !exec}) or not:
   * OpenSSH runs each to decide whether the block applies. Criteria are read in turn, each
   * with its argument but {@code all}, {@code canonical} and {@code final}.
   */
  public static List<String> execs(Line match) {
    List<String> commands = new ArrayList<>();
    if (!match.is("Match")) return commands;
    List<String> args = match.args();
    for (int i = 0; i < args.size(); i++) {
      String criterion = args.get(i).startsWith("!") ? args.get(i).substring(1) : args.get(i);
      if (List.of("all", "canonical", "final").contains(criterion.toLowerCase())) continue;
      if (i + 1 >= args.size()) break;
      String argument = args.get(++i);
      if (criterion.equalsIgnoreCase("exec")) commands.add(argument);
    }
    return commands;
  }

  /** The keyword and the rest of one line; empty for a blank line or a comment (readconf.c, process_config_line). */
  private static Optional<Line> line(int number, String raw) {
    String s = stripTrailing(raw);
    int start = skip(s, 0, WHITESPACE);
    if (start == s.length() || s.charAt(start) == '#') return Optional.empty();
    int end = start;
    while (end < s.length() && (WHITESPACE + "\"=").indexOf(s.charAt(end)) < 0) end++;
    String keyword = s.substring(start, end);
    if (end < s.length() && s.charAt(end) == '"') { // strdelim: a quote joins what follows, up to the next quote
      int close = s.indexOf('"', end + 1);
      if (close < 0) return Optional.empty(); // OpenSSH finds no keyword there
      keyword += s.substring(end + 1, close);
      end = close + 1;
    }
    int rest = skip(s, end, WHITESPACE);
    if (rest < s.length() && s.charAt(rest) == '=') rest = skip(s, rest + 1, WHITESPACE);
    String value = s.substring(rest);
    return Optional.of(new Line(number, s.substring(0, start), keyword, value, split(value)));
  }

  /** misc.c, argv_split with terminate_on_comment; an unclosed quote ends the last word (OpenSSH rejects the line). */
  static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      if (c == '#') break;
      StringBuilder word = new StringBuilder();
      char quote = 0;
      for (; i < s.length(); i++) {
        c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        if (c == '\\' && (next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' '))) {
          word.append(next);
          i++;
        } else if (quote == 0 && (c == ' ' || c == '\t')) {
          break;
        } else if (quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (quote != 0 && c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      }
      words.add(word.toString());
    }
    return words;
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && (WHITESPACE + "\f").indexOf(s.charAt(end - 1)) >= 0) end--;
    return s.substring(0, end);
  }

  private static int skip(String s, int from, String chars) {
    int i = from;
    while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) i++;
    return i;
  }
}
