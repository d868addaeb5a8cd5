package dev.dispatchcheck.dispatch.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store URI as a machines line, a builders value or Nix's log writes it, read by one rule,
 * Nix's own for a machines line (libstore/machines.cc, the same in 2.8 and 2.26): a URI without
 * {@code ://} is taken for {@code ssh://} only when it is a bare host word, with no '/', and
 * not one of the store words auto, daemon, local (alone or with {@code ?params}). Those words
 * are their own scheme here, and a path is a {@code local} store.
 *
 * <p>The parts: {@code [scheme://][user@]host[:port][/path][?params]}; the host of a path
 * store is what precedes its first '/' (empty for an absolute path), and an IPv6 host keeps
 * its brackets ({@code [::1]}).
 *
 * @param written the URI as written
 */
public record StoreUri(String written) {

  private static final List<String> STORE_WORDS = List.of("auto", "daemon", "local");

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

  /** The ':' before the port; an IPv6 host's own colons are within its brackets. */
  private static int portColon(String hostPort) {
    int close = hostPort.startsWith("[") ? hostPort.indexOf(']') : -1;
    return hostPort.indexOf(':', close + 1);
  }

  private static String beforeQuery(String s) {
    int query = s.indexOf('?');
    return query >= 0 ? s.substring(0, query) : s;
  }
}
