package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.StoreUri;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each value of a machines line checked against what it may be, before any container
 * starts. A farm comes from whoever opens a pull request, and these values become host
 * names, login users, paths and nix.conf words on the harness's hosts: one rule per kind of
 * value, stricter than Nix where Nix would take anything, so that no value can be more than
 * the one word it claims to be.
 */
final class MachineValues {

  // [ssh:// | ssh-ng://][user@]host[:port][?name=value&...]; no '@', '/' or '#' where a part ends.
  private static final Pattern SSH_URI = Pattern.compile(
      "(?:ssh(?:-ng)?://)?(?:[^@/?#]*@)?[^@/?#:]*(?::[^@/?#]*)?(?:\\?[^@#]*)?");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*\\$?");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/+-]*");
  // Possessive, so that a long system name is matched in a loop, not a recursion per '-'.
  private static final Pattern SYSTEM = Pattern.compile("[A-Za-z0-9_]++(?:-[A-Za-z0-9_.]++)++");
  private static final Pattern FEATURE = Pattern.compile("[A-Za-z0-9_.+-]+");
  private static final Pattern PARAMETER = Pattern.compile("([a-z][a-z0-9-]*)=([A-Za-z0-9._/+=:,-]*)");

  private final List<String> errors = new ArrayList<>();

  private MachineValues() {}

  /** What is wrong with the line's values, one message each; empty when every value is what it may be. */
  static List<String> errors(Machine m) {
    MachineValues check = new MachineValues();
    // A line with no stand-in gives the harness no value of its URI (Lint says what Nix makes of it).
    if (FarmPlan.notStoodIn(m).isEmpty()) check.sshUri(m.uri());
    if (m.uri().isRelativePath() && m.uri().schemeWithoutSlashes().isEmpty()) {
      check.errors.add("store URI '" + m.storeUri() + "' has no scheme and holds a '/': Nix prepends ssh:// only to a"
          + " bare host name, and reads this as the path of a local store, relative to the working directory of the"
          + " Nix process that reads it; write ssh://HOST for a builder over SSH");
    }
    m.systems().forEach(check::system);
    m.supportedFeatures().forEach(check::feature);
    m.mandatoryFeatures().forEach(check::feature);
    m.sshKey().ifPresent(k -> check.keyFile(k, "ssh key '" + k + "' of " + m.storeUri()));
    return check.errors;
  }

  /** The key-file column: a path as any key's, and one where the harness may make a fresh key. */
  private void keyFile(String path, String what) {
    int before = errors.size();
    keyPath(path, what);
    if (errors.size() == before) AgentPaths.keyFileProblem(path, what).ifPresent(errors::add);
  }

  /** The URI's shape by the grammar, then each part as the harness takes it. */
  private void sshUri(StoreUri uri) {
    if (!SSH_URI.matcher(uri.written()).matches()) {
      errors.add("store URI '" + uri + "' is not [ssh:// or ssh-ng://][user@]host[:port][?name=value&...]");
      return;
    }
    hostName(uri.host());
    user(uri.sshUser(), uri.written());
    uri.port().ifPresent(p -> port(p, uri.written()));
    uri.params().forEach(p -> parameter(p, uri.written()));
  }

  /**
   * A builder as a builders table of the guide's farm names it, {@code [user@]host}, and the
   * systems it claims: the rules of a machines line's store URI and systems, and nothing
   * else in the name (no port, no parameter).
   */
  static List<String> builderRow(String builder, List<String> systems) {
    MachineValues check = new MachineValues();
    int at = builder.indexOf('@'); // a cell, not a store URI: no scheme, port or parameter, so the host is all the rest
    if (at >= 0) check.user(builder.substring(0, at), builder);
    check.hostName(builder.substring(at + 1));
    systems.forEach(check::system);
    return check.errors;
  }

  /**
   * What is wrong with a route's host, user and port as root's ssh_config makes them: the
   * same rules as a machines line's, as each becomes a stand-in's name, a login and a port
   * there. {@code what} names the route.
   */
  static List<String> sshRoute(String host, String user, String port, String what) {
    MachineValues check = new MachineValues();
    check.hostName(host);
    check.user(user, what);
    check.port(port, what);
    return check.errors;
  }

  /** An absolute path of safe characters without '..': where the harness may make a key, given the directory allows it. */
  static boolean isKeyPath(String path) {
    return PATH.matcher(path).matches() && !List.of(path.split("/")).contains("..");
  }

  private void user(String user, String uri) {
    require(USER.matcher(user).matches() && user.length() <= 32, "SSH user '" + user + "' of " + uri + " is not a login name"
        + " (a letter or '_', then letters, digits, '_' or '-', perhaps a final '$'; at most 32 characters)");
  }

  private void system(String s) {
    require(SYSTEM.matcher(s).matches(), "system '" + s + "' is not an arch-os system name such as aarch64-linux");
  }

  /** RFC 1123: what a hostname, a DNS name and a container's network alias all accept. */
  private void hostName(String host) {
    boolean valid = !host.isEmpty() && host.length() <= 253;
    for (String label : host.split("\\.", -1)) valid &= LABEL.matcher(label).matches();
    require(valid, "builder host name '" + host + "' is not an RFC 1123 host name (letters, digits, '-' and '.';"
        + " labels of 1 to 63 characters that neither start nor end with '-'; at most 253 characters)");
  }

  private void port(String port, String uri) {
    boolean valid = port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
    require(valid, "port '" + port + "' of " + uri + " is not a number from 1 to 65535");
  }

  /** A store parameter Nix hands on (ssh-key to ssh, remote-program to the remote shell): one safe word each. */
  private void parameter(String p, String uri) {
    Matcher m = PARAMETER.matcher(p);
    if (!m.matches()) {
      errors.add("parameter '" + p + "' of " + uri + " is not name=value of letters, digits and . _ / + = : , -");
    } else if (m.group(1).equals("ssh-key")) {
      keyPath(m.group(2), "ssh-key '" + m.group(2) + "' of " + uri);
    }
  }

  /** ssh resolves a relative key path against the working directory of the Nix process that runs it, not a home. */
  private void keyPath(String path, String what) {
    if (!path.startsWith("/")) {
      errors.add(what + " is a relative path, which ssh resolves against the working directory of the Nix process"
          + " that runs it, not a home; give an absolute path");
    } else {
      require(isKeyPath(path),
          what + " is not an absolute path of letters, digits and . _ / + - without '..'");
    }
  }

  private void feature(String f) {
    require(FEATURE.matcher(f).matches(), "feature '" + f + "' is not a feature name (letters, digits and . _ + -)");
  }

  private void require(boolean holds, String error) {
    if (!holds) errors.add(error);
  }
}
