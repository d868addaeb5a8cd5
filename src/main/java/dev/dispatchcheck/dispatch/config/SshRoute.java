package dev.dispatchcheck.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How root's ssh reaches a destination it is given (a builder's name from a machines line,
 * or a jump host): the host, user and port ssh connects to after its configuration, the
 * identity files that configuration adds, and the jump hosts it passes through.
 *
 * <p>A jump host is reached as ssh reaches it (readconf.c, ssh.c): ProxyJump {@code a,b}
 * has ssh run {@code ssh [-l USER] [-p PORT] [-J a] -W '[%h]:%p' b}, which reads the same
 * files for {@code b} (its own ProxyJump or ProxyCommand ignored when {@code -J} is given),
 * and never gets the {@code -i} key Nix gave the first ssh.
 *
 * @param name the destination as given
 * @param options what ssh obtained for it
 * @param via the jump hosts in the order ssh connects to them; the last one opens the connection to {@link #host()}
 * @param failure why ssh fails on this route before it reaches the host, in ssh's words where it has some
 */
public record SshRoute(String name, SshOptions options, List<SshRoute> via, Optional<String> failure) {

  /** How deep jump hosts may nest before the route is taken for a loop (ssh would start ssh after ssh). */
  static final int MAX_HOPS = 8;

  /** What ssh obtains for a destination, with the user and port of its command line when given. */
  public interface Options {
    SshOptions of(String destination, Optional<String> user, Optional<String> port);
  }

  public SshRoute {
    via = List.copyOf(via);
  }

  /** The route ssh takes to {@code name}, logging in as {@code user} when the command line says so (Nix's {@code user@}). */
  public static SshRoute of(Options options, String name, Optional<String> user) {
    return of(options, new SshHop(user, name, Optional.empty()), Optional.empty(), 0);
  }

  private static SshRoute of(Options options, SshHop to, Optional<List<SshHop>> jumpGiven, int depth) {
    SshOptions o = options.of(to.host(), to.user(), to.port());
    if (depth > MAX_HOPS) return new SshRoute(to.host(), o, List.of(), Optional.of("more than " + MAX_HOPS + " jump hosts"
        + " nest on the way to " + o.host() + ": the ProxyJump settings lead round in a loop"));
    Optional<List<SshHop>> jumps = jumpGiven.isPresent() ? jumpGiven : o.proxy().flatMap(SshRoute::hops);
    List<SshHop> hops = jumps.orElse(List.of());
    if (hops.isEmpty()) return new SshRoute(to.host(), o, List.of(), Optional.empty());
    SshHop last = hops.get(hops.size() - 1);
    Optional<List<SshHop>> rest = hops.size() > 1 ? Optional.of(hops.subList(0, hops.size() - 1)) : Optional.empty();
    // ssh.c: a ProxyJump host that is the destination itself, with the same user and port, is refused. (A
    // ProxyCommand that runs ssh to itself has no such check: it nests until MAX_HOPS says so.)
    boolean proxyJump = jumpGiven.isPresent() || o.proxy().filter(p -> p.keyword().equalsIgnoreCase("ProxyJump")).isPresent();
    if (proxyJump && last.host().equals(o.host()) && last.user().orElse(o.userName()).equals(o.userName())
        && last.port().map(SshRoute::port).orElse(22) == o.portNumber()) {
      return new SshRoute(to.host(), o, List.of(), Optional.of("jumphost loop via " + last.host()));
    }
    SshRoute hop = of(options, last, rest, depth + 1);
    List<SshRoute> via = new ArrayList<>(hop.via());
    // A hop keeps a failure of its own (its jumphost loop, which its ssh -G reports too), not one further on.
    via.add(new SshRoute(hop.name(), hop.options(), List.of(), hop.via().isEmpty() ? hop.failure() : Optional.empty()));
    return new SshRoute(to.host(), o, via, hop.failure().map(f -> hop.options().host() + ": " + f));
  }

  /** The hops a ProxyJump or a recognised ProxyCommand names; none for another command (neutralised) or none at all. */
  static Optional<List<SshHop>> hops(SshOptions.Value proxy) {
    if (proxy.keyword().equalsIgnoreCase("ProxyJump")) return SshHop.proxyJump(proxy.value());
    return SshHop.sshW(proxy.value()).map(List::of);
  }

  private static int port(String p) {
    return p.matches("[0-9]{1,5}") ? Integer.parseInt(p) : -1;
  }

  /** The host ssh connects to, lowercased. */
  public String host() {
    return options.host();
  }

  public String user() {
    return options.userName();
  }

  public int port() {
    return options.portNumber();
  }

  /** Whether ssh_config makes the name another host's: an alias ({@code Host arm1} / {@code HostName …}). */
  public boolean isAlias() {
    return !name.equalsIgnoreCase(host());
  }

  /**
   * The IdentityFiles ssh_config adds here, their tokens expanded as ssh expands them for
   * root ({@code ~} and {@code %d} root's home, {@code %u} root, {@code %h} the host,
   * {@code %r} the user, {@code %p} the port, {@code %n} the name as given, {@code %i} 0,
   * {@code %%}); {@code none} and a file with any other token are left out
   * ({@link #unexpandedIdentityFiles()}).
   */
  public List<String> identityFiles() {
    return options.identityFiles().stream().map(this::identityFile).flatMap(Optional::stream).toList();
  }

  /** One IdentityFile value expanded; empty for {@code none} or a token this model does not expand. */
  public Optional<String> identityFile(SshOptions.Value v) {
    return expanded(v.value());
  }

  /** The IdentityFiles with a token this model does not expand ({@code %l}, {@code %C} …). */
  public List<SshOptions.Value> unexpandedIdentityFiles() {
    return options.identityFiles().stream().filter(v -> !v.value().equals("none") && identityFile(v).isEmpty()).toList();
  }

  private Optional<String> expanded(String written) {
    if (written.equals("none")) return Optional.empty();
    String home = "/" + SshOptions.LOCAL_USER;
    String s = written.equals("~") || written.startsWith("~/") ? home + written.substring(1) : written;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      char t = i + 1 < s.length() ? s.charAt(++i) : 0;
      switch (t) {
        case '%' -> sb.append('%');
        case 'd' -> sb.append(home);
        case 'u' -> sb.append(SshOptions.LOCAL_USER);
        case 'h' -> sb.append(host());
        case 'r' -> sb.append(user());
        case 'p' -> sb.append(port());
        case 'n' -> sb.append(name);
        case 'i' -> sb.append('0');
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(sb.toString());
  }

  /** The jump hosts' names, as ssh connects to them. */
  public List<String> viaHosts() {
    return via.stream().map(SshRoute::host).toList();
  }

  /** The name, and the host it stands for if another: "arm1, that is aarch64-linux-1.example.com". */
  public String named() {
    return isAlias() ? name + ", that is " + host() : host();
  }

  /** {@link #named()}, and the jump hosts: "… via bastion.example.com". */
  public String described() {
    return named() + (via.isEmpty() ? "" : " via " + String.join(" and ", viaHosts()));
  }
}
