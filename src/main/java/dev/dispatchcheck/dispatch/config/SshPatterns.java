package dev.dispatchcheck.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * OpenSSH's patterns (match.c): {@code *} matches any run of characters, {@code ?} any one,
 * everything else itself, case counting. A pattern list is comma-separated; a pattern led
 * by {@code !} negates, and a negated match decides the list whatever else matches. Matched
 * linearly, with no regular expression: a farm's pattern of many stars must not make lint
 * backtrack for ever.
 */
public final class SshPatterns {
  /** What {@link #list} gives: a negated pattern matched, none matched, a pattern matched. */
  public static final int NEGATED = -1;
  public static final int NONE = 0;
  public static final int MATCHED = 1;

  private SshPatterns() {}

  /** match_pattern: the whole of {@code s} against {@code pattern}. */
  public static boolean matches(String s, String pattern) {
    List<IntPredicate> tokens = new ArrayList<>();
    for (char c : pattern.toCharArray()) tokens.add(c == '*' ? null : c == '?' ? x -> true : x -> x == c);
    return matches(tokens, s);
  }

  /**
   * The classic wildcard match of {@code s} against tokens, one test a character and null
   * for a star: on a mismatch, the last star takes one character more; no more than
   * length × length steps. Shared with the glob of Include paths.
   */
  public static boolean matches(List<IntPredicate> tokens, String s) {
    int p = 0;
    int i = 0;
    int star = -1;
    int starAt = 0;
    while (i < s.length()) {
      if (p < tokens.size() && tokens.get(p) != null && tokens.get(p).test(s.charAt(i))) {
        p++;
        i++;
      } else if (p < tokens.size() && tokens.get(p) == null) {
        star = p++;
        starAt = i;
      } else if (star >= 0) {
        p = star + 1;
        i = ++starAt;
      } else {
        return false;
      }
    }
    while (p < tokens.size() && tokens.get(p) == null) p++;
    return p == tokens.size();
  }

  /**
   * match_pattern_list: {@link #NEGATED} if a negated pattern of the comma-separated
   * {@code list} matches, else {@link #MATCHED} if any other does, else {@link #NONE}.
   * With {@code lowerPatterns} the patterns are lowercased first (match_hostname's way).
   */
  public static int list(String s, String list, boolean lowerPatterns) {
    int result = NONE;
    for (String sub : list.split(",", -1)) {
      boolean negated = sub.startsWith("!");
      String pattern = negated ? sub.substring(1) : sub;
      if (lowerPatterns) pattern = pattern.toLowerCase();
      if (matches(s, pattern)) {
        if (negated) return NEGATED;
        result = MATCHED;
      }
    }
    return result;
  }
}
