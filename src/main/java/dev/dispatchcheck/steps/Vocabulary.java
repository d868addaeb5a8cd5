package dev.dispatchcheck.steps;

import java.util.List;

/**
 * The words of the step vocabulary as regular expressions, defined once: the parameter
 * types use the nouns, and every verdict phrase is written here once, from which both its
 * positive step ("Then PHRASE") and its self-check ("Then the verdict that PHRASE is a
 * failure saying ...") are matched. {@code features/README.md} lists them for readers.
 */
final class Vocabulary {
  private Vocabulary() {}

  static final String USER = "(?:the agent|the ordinary user|root)";
  /**
   * Any host name a machines file may hold: a single label or fully qualified, upper or
   * lower case, optionally with the SSH user ({@code nix@aarch64-linux-1.example.com}). The
   * labels' loop is possessive: java.util.regex recurses once per repetition of a group, so a
   * farm's step naming a host of thousands of labels overflowed the stack; no phrase goes on
   * with a '.', so nothing it took is ever given back.
   */
  static final String HOSTNAME = "(?:[a-z_][a-z0-9_.-]*@)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
      + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*+";
  static final String HOST = "(?:the agent host|the client host|" + HOSTNAME + ")";
  static final String BUILDER = "(?:the agent host|" + HOSTNAME + ")";
  static final String SYSTEM = "[a-z0-9_]+-(?:linux|darwin|freebsd|netbsd|openbsd|cygwin|none)";
  static final String QUOTED = "\"[^\"]*\"";
  static final String CAUSE = "[^\"]+?";
  static final String SECONDS = "[0-9]+";

  static final String WENT_TO = USER + "'s build went to " + BUILDER;
  static final String ON_HOST_WENT_TO = "the build on " + HOST + " went to " + BUILDER;
  static final String EVERY_WENT_TO = "every build of " + USER + " went to " + BUILDER;
  static final String EVERY_FOR_SYSTEM_WENT_TO = "every build of " + USER + " for " + SYSTEM + " went to " + BUILDER;
  static final String WENT_TO_SYSTEM_BUILDER = USER + "'s build went to a builder of the system machines file";
  static final String FAILED_BECAUSE = USER + "'s build failed because " + CAUSE;
  static final String FAILED_SAYING = USER + "'s build failed saying " + QUOTED;
  static final String BUILT_LOCALLY = USER + "'s build ran on the agent host itself";
  static final String WARNED = USER + "'s build warned " + QUOTED;
  static final String NO_WARNING = USER + "'s build printed no warning";
  static final String ALREADY_VALID = USER + "'s last build built nothing, its output being already valid";
  static final String SPREAD = "the builds of " + USER + " went to " + BUILDER + " and " + BUILDER + ", one each";
  static final String STILL_RUNNING = USER + "'s build is still running after " + SECONDS + " seconds";
  static final String PROCESS_STILL_RUNNING = "a process " + QUOTED + " is still running on " + HOST + " after " + SECONDS
      + " seconds";
  static final String FILE_EMPTY = "the file " + QUOTED + " on " + HOST + " is empty";
  static final String CLEAN = HOST + " is clean at hand-over";
  static final String EVERY_HOST_CLEAN = "every host is clean at hand-over";
  static final String REPLACED_ALONE = HOST + " was replaced by a fresh host at hand-over, and no other host was";
  static final String FILE_NAMES_ONLY = "the file " + QUOTED + " on " + HOST + " names " + BUILDER + " only";

  /** A self-check's words around its verdict: "the verdict that VERDICT is a failure saying MESSAGE". */
  static final String SELF_CHECK_BEFORE = "the verdict that ";
  static final String SELF_CHECK_AFTER = " is a failure saying ";

  /** Every verdict phrase; a step that is only a verdict matches exactly one. */
  static final String VERDICT = WENT_TO + "|" + ON_HOST_WENT_TO + "|" + EVERY_WENT_TO + "|" + EVERY_FOR_SYSTEM_WENT_TO
      + "|" + WENT_TO_SYSTEM_BUILDER + "|" + FAILED_SAYING + "|" + FAILED_BECAUSE + "|" + BUILT_LOCALLY + "|" + WARNED + "|" + NO_WARNING
      + "|" + ALREADY_VALID + "|" + SPREAD + "|" + STILL_RUNNING + "|" + PROCESS_STILL_RUNNING + "|" + FILE_EMPTY + "|" + FILE_NAMES_ONLY
      + "|" + CLEAN + "|" + EVERY_HOST_CLEAN + "|" + REPLACED_ALONE;

  /** The nouns, most specific first, so that a phrase's capturing form takes each as one group. */
  private static final List<String> NOUNS = List.of(HOST, BUILDER, USER, SYSTEM, QUOTED, CAUSE, SECONDS);

  /** A phrase with each noun made a capturing group, for reading its words back. */
  static String capturing(String phrase) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    outer:
    while (i < phrase.length()) {
      for (String noun : NOUNS) {
        if (phrase.startsWith(noun, i)) {
          out.append('(').append(noun).append(')');
          i += noun.length();
          continue outer;
        }
      }
      out.append(phrase.charAt(i++));
    }
    return out.toString();
  }
}
