package dev.dispatchcheck.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A jump host on ssh's way to a builder, as root's ssh_config names it: one element of a
 * {@code ProxyJump} list ({@code [user@]host[:port]} or {@code ssh://[user@]host[:port]}),
 * or the destination of a {@code ProxyCommand ssh -W %h:%p [user@]host}, the older way to
 * say the same. ssh reaches the builder by running ssh to the hop with {@code -W}: the
 * hop's sshd opens the connection onward.
 *
 * @param user the login given with the hop ({@code user@}, {@code -l}), else ssh_config decides for the hop
 * @param host as written
 * @param port as written ({@code :port}, {@code -p}), else ssh_config decides
 */
public record SshHop(Optional<String> user, String host, Optional<String> port) {

  /** Letters, digits and the punctuation of a -W ssh command line: no shell meaning, no expansion but ssh's own %h and %p. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.@:%/\\[\\]'\" \t=+-]*");
  private static final List<String> FLAGS = List.of("-q", "-4", "-6", "-T", "-x", "-a", "-C", "-n", "-N");
  private static final List<String> TARGETS = List.of("%h:%p", "[%h]:%p");

  /** ProxyJump's hops in order (the builder is reached through the last); none for {@code none}; empty if malformed. */
  public static Optional<List<SshHop>> proxyJump(String value) {
    if (value.equalsIgnoreCase("none")) return Optional.of(List.of());
    List<SshHop> hops = new ArrayList<>();
    for (String element : value.split(",", -1)) {
      Optional<SshHop> hop = element.startsWith("ssh://") ? userHostPort(element.substring(6)) : userHostPort(element);
      if (hop.isEmpty()) return Optional.empty();
      hops.add(hop.get());
    }
    return Optional.of(List.copyOf(hops));
  }

  /**
   * The hop of a ProxyCommand that only runs ssh with {@code -W %h:%p} (or {@code [%h]:%p})
   * to one destination, with no option but {@code -l}, {@code -p} and flags that change no
   * route; empty for any other command, which check keeps neutralised. Nothing in it may
   * mean anything to a shell: ssh runs a ProxyCommand through one.
   */
  public static Optional<SshHop> sshW(String command) {
    if (!PLAIN.matcher(command).matches()) return Optional.empty();
    List<String> words = new ArrayList<>(SshConfig.split(command));
    if (!words.isEmpty() && words.get(0).equals("exec")) words.remove(0);
    if (words.isEmpty() || !(words.get(0).equals("ssh") || words.get(0).matches("(/[A-Za-z0-9_.-]+)+/ssh"))) {
      return Optional.empty();
    }
    Optional<String> user = Optional.empty();
    Optional<String> port = Optional.empty();
    String target = null;
    String destination = null;
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (FLAGS.contains(w)) continue;
      boolean takesValue = w.equals("-l") || w.equals("-p") || w.equals("-W");
      if (takesValue && i + 1 >= words.size()) return Optional.empty();
      if (w.equals("-l")) user = Optional.of(words.get(++i));
      else if (w.equals("-p")) port = Optional.of(words.get(++i));
      else if (w.equals("-W")) target = words.get(++i);
      else if (w.startsWith("-") || destination != null) return Optional.empty();
      else destination = w;
    }
    if (destination == null || target == null || !TARGETS.contains(target) || destination.contains("%")) return Optional.empty();
    Optional<SshHop> hop = userHostPort(destination);
    if (hop.isEmpty() || hop.get().port().isPresent()) return Optional.empty();
    Optional<String> login = user.isPresent() ? user : hop.get().user();
    return Optional.of(new SshHop(login, hop.get().host(), port));
  }

  /** {@code [user@]host[:port]}: the user before the last '@' (parse_user_host_port). */
  private static Optional<SshHop> userHostPort(String s) {
    int at = s.lastIndexOf('@');
    Optional<String> user = at >= 0 ? Optional.of(s.substring(0, at)) : Optional.empty();
    String hostPort = s.substring(at + 1);
    int colon = hostPort.indexOf(':');
    String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
    Optional<String> port = colon >= 0 ? Optional.of(hostPort.substring(colon + 1)) : Optional.empty();
    if (host.isEmpty() || user.filter(String::isEmpty).isPresent() || port.filter(String::isEmpty).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new SshHop(user, host, port));
  }

  /** As ProxyJump would write it. */
  @Override
  public String toString() {
    return user.map(u -> u + "@").orElse("") + host + port.map(p -> ":" + p).orElse("");
  }
}
