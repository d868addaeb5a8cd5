package dev.dispatchcheck.dispatch.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store URI as a machines line, a builders value or Nix's log writes it, read by one rule,
 * Nix's own for a machines line (libstore/machines.cc, the same in 2.8 and 2.26): a URI without
 * {@code ://} is taken for {@code ssh://} only when it is a bare host word, with no '/', and
 * not one of the store words auto, daemon, local (alone or with {@code ?params}). Those words
 * are their own scheme here, and a path is a {@code local} store.
 *
 * <p>The parts: {@code [scheme://][user@]host[:port][/path][?params]}; the host of a path
 * store is what precedes its first '/' (empty for an absolute path), and an IPv6 host keeps
 * its brackets ({@code [::1]}). An IPv6 address without brackets is all host and no port, as
 * Nix reads it (before 2.31 it hands it to ssh whole; from 2.31.2 on it is bracketed whole).
 *
 * @param written the URI as written
 */
public record StoreUri(String written) {

  private static final List<String> STORE_WORDS = List.of("auto", "daemon", "local");
  /** An IPv6 address as a URI may hold it: hex digits and at least two ':' ('.' for an IPv4 tail), perhaps a zone. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*+(?::[0-9A-Fa-f.]*+){2,}+(?:%[A-Za-z0-9._~-]++)?");
  private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[(" + IPV6.pattern() + ")]");
  /** {@code ssh:} or {@code ssh-ng:}, then {@code [user@]host} with no '/', ':' or brackets: the form of NixOS/nix#14000. */
  private static final Pattern SCHEME_WITHOUT_SLASHES = Pattern.compile("(ssh|ssh-ng):(?:([^/:@\\[\\]#]++)@)?([^/:@\\[\\]#]++)");

  public StoreUri {
    Objects.requireNonNull(written, "written");
  }

  /** ssh, ssh-ng, http, file, …: as written before {@code ://}; without one, ssh, a store word, or local for a path. */
  public String scheme() {
    int sep = written.indexOf("://");
    if (sep >= 0) return written.substring(0, sep);
    String word = beforeQuery(written);
    if (STORE_WORDS.contains(word)) return word;
    return isPath() || word.isEmpty() ? "local" : "ssh";
  }

  /** A builder that Nix reaches over SSH: the only kind dispatchcheck stands in for. */
  public boolean isSsh() {
    return scheme().equals("ssh") || scheme().equals("ssh-ng");
  }

  /** No scheme and a '/': Nix opens it as the path of a local store, whatever precedes the '/'. */
  public boolean isPath() {
    return !written.contains("://") && !STORE_WORDS.contains(beforeQuery(written)) && written.contains("/");
  }

  /**
   * The URI Nix opens for a machines line (libstore/machines.cc): as written, or with ssh://
   * prepended when it has no '://', no '/' and is no store word.
   */
  public String opened() {
    boolean asWritten = written.contains("://") || written.contains("/") || written.startsWith("?")
        || STORE_WORDS.contains(beforeQuery(written));
    return asWritten ? written : "ssh://" + written;
  }

  /**
   * The scheme, ssh or ssh-ng, of a URI written {@code ssh:host} or {@code ssh-ng:host}: one
   * with no '//' (NixOS/nix#14000). Without a '/' anywhere a machines line gets ssh://
   * prepended ({@link #opened()}), so that it names the host 'ssh'; with one (in a parameter)
   * Nix opens it as written, and so the host after the ':'. Not {@code ssh:22} (the host ssh,
   * port 22) nor {@code ssh:u@h} without a '/' (the login 'ssh:u' at h): Nix reads those as a
   * host and port, and a user, like any other.
   */
  public Optional<String> schemeWithoutSlashes() {
    Matcher m = SCHEME_WITHOUT_SLASHES.matcher(beforeQuery(written));
    if (!m.matches()) return Optional.empty();
    boolean prepended = !opened().equals(written);
    if (prepended && (m.group(2) != null || m.group(3).chars().allMatch(Character::isDigit))) return Optional.empty();
    return Optional.of(m.group(1));
  }

  /** An SSH builder named by an IPv6 address, in brackets ({@code ssh://[fd00::1]}) or not ({@code ssh://fd00::1}). */
  public boolean isIpv6Literal() {
    return isSsh() && (BRACKETED_IPV6.matcher(host()).matches() || IPV6.matcher(host()).matches());
  }

  /** Whether the IPv6 address is in brackets; false for a host that is no IPv6 address. */
  public boolean isBracketedIpv6() {
    return isSsh() && BRACKETED_IPV6.matcher(host()).matches();
  }

  /** A path that is not absolute: Nix resolves it against the working directory of the Nix process that reads it. */
  public boolean isRelativePath() {
    return isPath() && !written.startsWith("/");
  }

  /** The login before the authority's last '@', as written (perhaps empty). */
  public Optional<String> user() {
    int at = authority().lastIndexOf('@');
    return at >= 0 ? Optional.of(authority().substring(0, at)) : Optional.empty();
  }

  /** Who ssh logs in as: the URI's user, else root (ssh's default for root's ssh, which the daemon runs). */
  public String sshUser() {
    return user().orElse("root");
  }

  /** The host as written, e.g. {@code aarch64-linux-1} of {@code ssh://root@aarch64-linux-1:22}. */
  public String host() {
    String hostPort = hostPort();
    int colon = portColon(hostPort);
    return colon >= 0 ? hostPort.substring(0, colon) : hostPort;
  }

  /** The port as written (perhaps not a number), when the URI has a ':' after its host. */
  public Optional<String> port() {
    String hostPort = hostPort();
    int colon = portColon(hostPort);
    return colon >= 0 ? Optional.of(hostPort.substring(colon + 1)) : Optional.empty();
  }

  /** The parameters after '?', each as written ({@code name=value}, or not); none without a '?'. */
  public List<String> params() {
    String rest = afterScheme();
    int query = rest.indexOf('?');
    return query >= 0 ? List.of(rest.substring(query + 1).split("&", -1)) : List.of();
  }

  @Override
  public String toString() {
    return written;
  }

  private String afterScheme() {
    int sep = written.indexOf("://");
    return sep >= 0 ? written.substring(sep + 3) : written;
  }

  /** What precedes the path and the parameters: {@code [user@]host[:port]}. */
  private String authority() {
    String rest = beforeQuery(afterScheme());
    int slash = rest.indexOf('/');
    return slash >= 0 ? rest.substring(0, slash) : rest;
  }

  private String hostPort() {
    String authority = authority();
    return authority.substring(authority.lastIndexOf('@') + 1);
  }

  /** The ':' before the port; an IPv6 host's own colons are within its brackets, or it has none. */
  private static int portColon(String hostPort) {
    if (IPV6.matcher(hostPort).matches()) return -1;
    int close = hostPort.startsWith("[") ? hostPort.indexOf(']') : -1;
    return hostPort.indexOf(':', close + 1);
  }

  private static String beforeQuery(String s) {
    int query = s.indexOf('?');
    return query >= 0 ? s.substring(0, query) : s;
  }
}
