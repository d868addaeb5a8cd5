package dev.dispatchcheck.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live agent host {@code live} checks, {@code ssh://[user@]host[:port]}, and the only
 * credentials it may use: the ssh-agent's keys, or the identity file named; the host's key
 * is checked against the known_hosts file named. Every part is checked here, before any
 * of it reaches {@code ssh}'s argv: none can start with '-' and be read as an option.
 *
 * @param user empty: ssh's own default, the local user
 * @param identity empty: the ssh-agent's keys only
 */
public record LiveTarget(Optional<String> user, String host, OptionalInt port, Optional<Path> identity, Path knownHosts) {
  private static final Pattern URI = Pattern.compile(
      "ssh://(?:([A-Za-z0-9_][A-Za-z0-9._-]*)@)?([A-Za-z0-9][A-Za-z0-9.-]*|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?/?");

  /** {@code text} as an AGENT argument; an {@link IllegalArgumentException} (exit 2) says what is wrong. */
  public static LiveTarget parse(String text, Optional<Path> identity, Path knownHosts) {
    Matcher m = URI.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("AGENT '" + dev.dispatchcheck.dispatch.Printable.escape(text) + "' is not"
          + " ssh://[user@]host[:port] (a user of letters, digits, '.', '_', '-'; a host name or [IPv6 address])");
    }
    OptionalInt port = OptionalInt.empty();
    if (m.group(3) != null) {
      int p = Integer.parseInt(m.group(3));
      if (p < 1 || p > 65535) throw new IllegalArgumentException("AGENT '" + text + "': port " + p + " is not 1 to 65535");
      port = OptionalInt.of(p);
    }
    String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
    return new LiveTarget(Optional.ofNullable(m.group(1)), host, port, identity, knownHosts);
  }

  /** As given, without credentials: what reports and the console show. */
  public String shown() {
    return "ssh://" + user.map(u -> u + "@").orElse("") + (host.contains(":") ? "[" + host + "]" : host)
        + (port.isPresent() ? ":" + port.getAsInt() : "");
  }
}
