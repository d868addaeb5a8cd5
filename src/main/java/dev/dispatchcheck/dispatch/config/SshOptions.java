package dev.dispatchcheck.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What ssh uses to reach one destination, read from its configuration files as OpenSSH
 * reads them (readconf.c, 9.x and 10.x; {@code ssh -G DESTINATION} prints the same): the
 * files in turn (the user's, then the system's), an {@code Include} read where it stands,
 * and for each keyword the first value obtained, except {@code IdentityFile}, whose values
 * add up. A value given on ssh's command line (the {@code user@} Nix passes, {@code -p})
 * is obtained before any file.
 *
 * <p>{@code Host} patterns match the destination as given, case counting; {@code Match}
 * criteria {@code all}, {@code host} (the HostName so far), {@code originalhost},
 * {@code user} (the user so far) and {@code localuser} are evaluated as ssh evaluates them.
 * {@code exec} is taken as false (check deploys such a block as never applying, see
 * {@code FarmCommand}); {@code canonical}, {@code final} and the other criteria are not
 * modelled: taken as false, and listed in {@link #unmodelled()}. {@code ProxyJump} and
 * {@code ProxyCommand} are one setting for ssh: whichever comes first wins.
 *
 * @param destination the host as ssh was given it
 * @param user the User obtained, or the command line's
 * @param hostName the HostName obtained, as written ({@code %h} not yet expanded)
 * @param port the Port obtained, or the command line's
 * @param identityFiles every IdentityFile obtained, in order, as written
 * @param proxy the ProxyJump or ProxyCommand obtained ({@link Value#keyword()} says which)
 * @param unmodelled what was read that this model does not evaluate: a Match criterion, CanonicalizeHostname
 */
public record SshOptions(String destination, Optional<Value> user, Optional<Value> hostName, Optional<Value> port,
    List<Value> identityFiles, Optional<Value> proxy, List<Value> unmodelled) {

  /** OpenSSH's limit on nested Include (READCONF_MAX_DEPTH). */
  static final int MAX_DEPTH = 16;
  /**
   * How many files one reading visits at most. OpenSSH has no such limit, but files that
   * include each other by a glob multiply at each of the 16 levels: lint must end.
   */
  static final int MAX_FILES = 256;

  /** The user ssh runs as on the agent host: the daemon runs it as root. */
  public static final String LOCAL_USER = "root";

  /**
   * A value and where it was read; {@code file} empty for the command line's.
   *
   * @param keyword as written
   */
  public record Value(String keyword, String value, String file, int line) {
    static Value commandLine(String keyword, String value) {
      return new Value(keyword, value, "", 0);
    }

    public boolean fromCommandLine() {
      return file.isEmpty();
    }
  }

  /** One configuration file as read. */
  public record ConfigFile(String path, SshConfig config) {}

  /** The files an {@code Include} argument of {@code from} names, in the order ssh reads them (glob's: sorted). */
  public interface Includes {
    List<ConfigFile> of(String argument, ConfigFile from);
  }

  public SshOptions {
    identityFiles = List.copyOf(identityFiles);
    unmodelled = List.copyOf(unmodelled);
  }

  /**
   * What ssh obtains for {@code destination} from {@code files} (in the order ssh reads
   * them), with {@code user} and {@code port} from its command line when given.
   */
  public static SshOptions read(List<ConfigFile> files, Includes includes, String destination, Optional<String> user,
      Optional<String> port) {
    Reader r = new Reader(destination, includes);
    user.ifPresent(u -> r.user = Value.commandLine("User", u));
    port.ifPresent(p -> r.port = Value.commandLine("Port", p));
    for (ConfigFile f : files) r.file(f, 0);
    return new SshOptions(destination, Optional.ofNullable(r.user), Optional.ofNullable(r.hostName),
        Optional.ofNullable(r.port), r.identityFiles, Optional.ofNullable(r.proxy), r.unmodelled);
  }

  /** The host ssh connects to: the HostName with {@code %h} (and {@code %%}) expanded, else the destination; lowercased, as ssh does. */
  public String host() {
    return hostName.map(h -> expandHostName(h.value(), destination)).orElse(destination).toLowerCase(Locale.ROOT);
  }

  /** Who ssh logs in as: the user obtained, else the local user. */
  public String userName() {
    return user.map(Value::value).orElse(LOCAL_USER);
  }

  /** The port ssh connects to: the one obtained, else 22; -1 when it is not a number ssh takes (lint says so). */
  public int portNumber() {
    if (port.isEmpty()) return 22;
    String p = port.get().value();
    return p.matches("[0-9]{1,5}") && Integer.parseInt(p) >= 1 && Integer.parseInt(p) <= 65535 ? Integer.parseInt(p) : -1;
  }

  /** HostName's tokens: {@code %h} the destination, {@code %%} a '%'; any other token is left as written. */
  static String expandHostName(String hostName, String destination) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hostName.length(); i++) {
      char c = hostName.charAt(i);
      char next = i + 1 < hostName.length() ? hostName.charAt(i + 1) : 0;
      if (c == '%' && next == 'h') {
        sb.append(destination);
        i++;
      } else if (c == '%' && next == '%') {
        sb.append('%');
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** readconf.c's pass over the files, as state. */
  private static final class Reader {
    private final String destination;
    private final Includes includes;
    private Value user;
    private Value hostName;
    private Value port;
    private Value proxy;
    private final List<Value> identityFiles = new ArrayList<>();
    private final List<Value> unmodelled = new ArrayList<>();
    private int filesRead;

    Reader(String destination, Includes includes) {
      this.destination = destination;
      this.includes = includes;
    }

    /** A file read from its start, active until a Host or Match line says otherwise (read_config_file_depth). */
    void file(ConfigFile f, int depth) {
      if (++filesRead > MAX_FILES) {
        if (filesRead == MAX_FILES + 1) unmodelled.add(new Value("Include", "more than " + MAX_FILES + " files", f.path(), 0));
        return;
      }
      boolean active = true;
      for (SshConfig.Line l : f.config().lines()) {
        if (l.is("Host")) {
          active = host(l);
        } else if (l.is("Match")) {
          active = match(l, f.path());
        } else if (l.is("Include")) {
          // An Include in a block that does not apply is read as never matching: nothing in it applies.
          if (active && depth + 1 <= MAX_DEPTH) {
            for (String arg : l.args()) includes.of(arg, f).forEach(g -> file(g, depth + 1));
          }
        } else if (active) {
          set(l, f.path());
        }
      }
    }

    /** A Host line: some pattern matches the destination and no negated one does. */
    private boolean host(SshConfig.Line l) {
      boolean any = false;
      for (String arg : l.args()) {
        boolean negated = arg.startsWith("!");
        if (SshPatterns.matches(destination, negated ? arg.substring(1) : arg)) {
          if (negated) return false;
          any = true;
        }
      }
      return any;
    }

    /**
     * A Match line: every criterion holds (match_cfg_line, first pass). A line with exec never
     * applies, as check deploys it; one with a criterion this model does not evaluate is
     * taken as not applying, and noted.
     */
    private boolean match(SshConfig.Line l, String file) {
      List<String> args = l.args();
      boolean result = true;
      for (int i = 0; i < args.size(); i++) {
        String word = args.get(i);
        boolean negated = word.startsWith("!");
        String criterion = (negated ? word.substring(1) : word).toLowerCase(Locale.ROOT);
        if (criterion.equals("all")) continue;
        boolean takesNoArgument = criterion.equals("canonical") || criterion.equals("final");
        String arg = takesNoArgument || i + 1 >= args.size() ? "" : args.get(++i);
        Optional<Boolean> holds = switch (criterion) {
          case "host" -> Optional.of(SshPatterns.list(hostSoFar(), arg, true) == SshPatterns.MATCHED);
          case "originalhost" -> Optional.of(SshPatterns.list(destination, arg, true) == SshPatterns.MATCHED);
          case "user" -> Optional.of(SshPatterns.list(user == null ? LOCAL_USER : user.value(), arg, false) == SshPatterns.MATCHED);
          case "localuser" -> Optional.of(SshPatterns.list(LOCAL_USER, arg, false) == SshPatterns.MATCHED);
          default -> Optional.empty();
        };
        if (holds.isEmpty()) {
          if (!criterion.equals("exec")) unmodelled.add(new Value("Match " + word, arg, file, l.number()));
          result = false;
        } else if (holds.get() == negated) {
          result = false;
        }
      }
      return result;
    }

    /** What Match host compares: the HostName so far with %h expanded, else the destination. */
    private String hostSoFar() {
      return hostName == null ? destination : expandHostName(hostName.value(), destination);
    }

    private void set(SshConfig.Line l, String file) {
      String first = l.args().isEmpty() ? "" : l.args().get(0);
      Value v = new Value(l.keyword(), first, file, l.number());
      if (l.is("HostName") && hostName == null) hostName = v;
      else if (l.is("User") && user == null) user = v;
      else if (l.is("Port") && port == null) port = v;
      else if (l.is("IdentityFile") && !first.isEmpty()) identityFiles.add(v);
      else if (l.is("ProxyJump") && proxy == null) proxy = v;
      else if (l.is("ProxyCommand") && proxy == null) proxy = new Value(l.keyword(), l.rest(), file, l.number());
      else if (l.is("CanonicalizeHostname") && !first.equalsIgnoreCase("no")) unmodelled.add(v);
    }
  }
}
