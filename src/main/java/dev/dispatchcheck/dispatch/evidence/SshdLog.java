package dev.dispatchcheck.dispatch.evidence;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host's sshd log (LogLevel VERBOSE; a bastion's at DEBUG1), read for who came in: the
 * logins it let in and those it refused, each by user and source address, and the
 * connections a jump host opened onward ({@code ssh -W}). The far end's own record of a
 * connection, independent of what the client's log says.
 */
public final class SshdLog {
  private static final Pattern ACCEPTED = Pattern.compile("Accepted publickey for (\\S+) from (\\S+) port");
  /** Every key offered was refused, and the client gave up (OpenSSH 9 and 10 alike). */
  private static final Pattern REFUSED = Pattern.compile("Connection closed by authenticating user (\\S+) (\\S+) port");
  private static final Pattern ONWARD = Pattern.compile(
      "server_request_direct_tcpip: originator \\S+ port \\d+, target (\\S+) port (\\d+)");

  private SshdLog() {}

  /** Logins let in, "USER from SOURCE" to how many, a source named by {@code nameOf} where it knows it. */
  public static Map<String, Integer> accepted(String log, Function<String, String> nameOf) {
    return count(log, ACCEPTED, m -> m.group(1) + " from " + nameOf.apply(m.group(2)));
  }

  /** Logins refused, likewise. */
  public static Map<String, Integer> refused(String log, Function<String, String> nameOf) {
    return count(log, REFUSED, m -> m.group(1) + " from " + nameOf.apply(m.group(2)));
  }

  /** Connections a jump host opened onward, "HOST:PORT" to how many. */
  public static Map<String, Integer> onward(String log) {
    return count(log, ONWARD, m -> m.group(1) + ":" + m.group(2));
  }

  /** How often it let {@code user} in from one of {@code sources}. */
  public static int logins(String log, String user, Set<String> sources) {
    return count(log, ACCEPTED, user, sources);
  }

  /**
   * How often it refused {@code user} from one of {@code sources}: with no login, what a
   * bastion that does not hold root's key does to every build.
   */
  public static int refusals(String log, String user, Set<String> sources) {
    return count(log, REFUSED, user, sources);
  }

  private static int count(String log, Pattern p, String user, Set<String> sources) {
    int n = 0;
    Matcher m = p.matcher(log);
    while (m.find()) if (m.group(1).equals(user) && sources.contains(m.group(2))) n++;
    return n;
  }

  private static Map<String, Integer> count(String log, Pattern p, Function<Matcher, String> key) {
    Map<String, Integer> out = new TreeMap<>();
    Matcher m = p.matcher(log);
    while (m.find()) out.merge(key.apply(m), 1, Integer::sum);
    return out;
  }
}
