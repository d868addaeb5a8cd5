package dev.dispatchcheck.dispatch.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The farm's ssh_config {@code IdentityFile}s as root's ssh offers them to a stand-in. Which
 * apply to a host is OpenSSH's to say: {@code ssh -G USER@HOST} on the agent host lists
 * them, as written, after every Host and Match block. Their {@code ~} and {@code %} tokens
 * are expanded here, as ssh expands them for root, and the path is held to
 * {@link SecretPaths} again, as a token may have made it another.
 */
public final class SshIdentities {
  /** The tokens expanded; ssh knows more (%C, %i, %l, %L, %k, %j …), which would need the host's own values. */
  private static final Pattern TOKEN = Pattern.compile("%(.)");
  private static final String TOKENS = "%dhnpru";
  private static final String ROOT_HOME = FarmUser.ROOT.home();

  private SshIdentities() {}

  /** Why the harness may not make a key where the IdentityFile {@code template} leads; empty when it may. */
  static Optional<String> problem(String template, String what) {
    Matcher m = TOKEN.matcher(template);
    while (m.find()) {
      if (TOKENS.indexOf(m.group(1).charAt(0)) < 0) {
        return Optional.of(what + " uses %" + m.group(1) + ", which dispatchcheck does not expand (it expands %d, %h,"
            + " %n, %p, %r, %u and %%): it makes a throwaway key at that path for each stand-in ssh offers it to");
      }
    }
    // The other tokens stand for plain words (host names and users are checked as such): a letter in their place.
    return SecretPaths.problem(expand(template, "x", Map.of("hostname", "x", "user", "x")), true, what);
  }

  /**
   * The farm's IdentityFiles that {@code sshG} ({@code ssh -G}'s output for one host) lists,
   * each with its path as root's ssh opens it; those whose expansion the harness may not
   * use are left out. {@code host} is the name ssh was given.
   */
  public static Map<FarmSecret, String> offered(String sshG, String host, List<FarmSecret> identities) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> listed = new ArrayList<>();
    for (String line : sshG.split("\n")) {
      String[] kv = line.strip().split(" ", 2);
      if (kv.length < 2) continue;
      if (kv[0].equals("identityfile")) listed.add(kv[1]);
      else options.putIfAbsent(kv[0], kv[1]);
    }
    Map<FarmSecret, String> out = new LinkedHashMap<>();
    for (String value : listed) {
      for (FarmSecret id : identities) {
        if (!id.path().equals(value) || out.containsKey(id)) continue;
        String path = expand(value, host, options);
        if (problem(path, id.setting()).isEmpty()) out.put(id, path);
      }
    }
    return out;
  }

  /** {@code ~}, then each token, with what ssh -G said of the host (hostname, user, port) and root as the local user. */
  static String expand(String template, String host, Map<String, String> options) {
    Matcher m = TOKEN.matcher(home(template));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "d" -> ROOT_HOME;
        case "h" -> options.getOrDefault("hostname", host);
        case "n" -> host;
        case "p" -> options.getOrDefault("port", "22");
        case "r" -> options.getOrDefault("user", "root");
        case "u" -> "root";
        case "%" -> "%";
        default -> m.group(); // left as written: problem() refuses it
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A leading {@code ~/} is root's home, as the daemon runs ssh as root. */
  private static String home(String template) {
    return template.startsWith("~/") ? ROOT_HOME + template.substring(1) : template;
  }
}
