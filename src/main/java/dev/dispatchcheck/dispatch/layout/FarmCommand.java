package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.dispatch.Probe;
import java.util.List;
import java.util.Objects;

/**
 * A command a farm's files would have Nix or ssh run, as root or as the agent, on the
 * agent host or a builder: a nix.conf hook (or a plugin Nix loads) or a command-running
 * ssh_config option (or a library ssh loads). A farm comes with a pull request, so {@code check} deploys each one
 * neutralised (a recorded no-op, the stock behaviour, or a block that never applies),
 * unless the operator passes {@code --run-farm-commands}. RemoteCommand and ProxyJump run
 * nothing of the farm's: they are named, and deployed as written.
 *
 * @param kind what runs it
 * @param source which of the farm's configurations holds it
 * @param key where in that source: the agent file's deployed path, the builder's directory name, or the nixSettings name
 * @param file the farm file, as findings name it ({@code agent/etc/nix/nix.conf})
 * @param line its line in {@code file}
 * @param name the setting or keyword as written
 * @param command the command (a path, a command line, a ProxyJump's hosts) as written
 * @param blockSets for a Match exec, the keywords its block sets, as written
 */
public record FarmCommand(Kind kind, Source source, String key, String file, int line, String name, String command,
    List<String> blockSets) {

  /** Where the neutralised hooks are on every host: one no-op a hook, named as the setting (driver/farm/HookRecorders installs them). */
  public static final String RECORDER_DIR = "/usr/local/libexec/dispatchcheck/neutralised";
  /** What each no-op appends a line to when Nix calls it: its name, the caller's uid and the derivation. */
  public static final String RECORDER_LOG = Probe.JOURNAL_DIR + "/neutralised";
  /** A Match line no host matches: the one pattern is negated ({@code match_pattern_list} gives -1, never 1). */
  static final String NEVER_MATCHES = "Match host \"!*\"";

  public enum Source { AGENT_FILE, BUILDER_NIX_CONF, NIX_SETTINGS }

  /** How {@code check} deploys a kind unless told to run farm commands. */
  public enum Deployed {
    /** The setting points at a harness no-op that records each call and exits 0. */
    RECORDED,
    /** The setting is left out: Nix's own default applies. */
    DROPPED,
    /**
     * The option says what turns it off ({@code none}; {@code internal}, ssh's own, for a
     * security-key provider), keeping its place: ssh takes the first value it reads.
     */
    OFF,
    /** The Match line is replaced by one that never matches: the block never applies. */
    NEVER_APPLIES,
    /** Nothing of the farm's runs: left as written. */
    AS_WRITTEN
  }

  public enum Kind {
    BUILD_HOOK("build-hook", Deployed.DROPPED,
        "for every build, and it decides where builds go",
        "the setting dropped, so Nix's stock hook decides",
        "the setting was dropped, so Nix's stock hook ran in its place. The build hook decides where builds go:"
            + " every cell is the stock hook's answer, which the farm's hook may not give"),
    PRE_BUILD_HOOK("pre-build-hook", Deployed.RECORDED,
        "before each build on its host",
        "a recorded no-op",
        "a recorded no-op ran in its place. A pre-build hook prepares a build on the host that builds it and"
            + " never decides where it goes: no cell's answer depends on it"),
    POST_BUILD_HOOK("post-build-hook", Deployed.RECORDED,
        "after each build",
        "a recorded no-op",
        "a recorded no-op ran in its place, so the farm's did not: it would have run after each build, remote ones"
            + " included once their outputs are back, with the outputs in $OUT_PATHS (to upload them to a cache, say)."
            + " A post-build hook runs after a build and never decides where it goes: no cell's answer depends on it"),
    DIFF_HOOK("diff-hook", Deployed.RECORDED,
        "when a rebuild (--check) gives other output and run-diff-hook is true",
        "a recorded no-op",
        "a recorded no-op stood in its place. A diff hook runs only when a rebuild's output differs, which no"
            + " probe's does: no cell's answer depends on it"),
    PLUGIN_FILES("plugin-files", Deployed.DROPPED,
        "into every Nix command and the daemon",
        "the setting dropped",
        "the setting was dropped, so no plugin was loaded. A plugin can change what Nix does (settings, stores,"
            + " builtins): every cell is the answer without it"),
    PROXY_COMMAND("ProxyCommand", Deployed.OFF,
        "to connect to a builder, in place of ssh's own connection",
        "as 'ProxyCommand none', so ssh connects to the stand-ins directly (a command that connects elsewhere"
            + " would send production's builds elsewhere)",
        "ssh connected to the stand-ins directly. Each cell names the builder ssh was asked for; a command that"
            + " connects elsewhere would send production's builds elsewhere, which no cell shows"),
    // Nix 2.26 passes -oLocalCommand=echo started on every ssh command line, which wins over ssh_config; Nix 2.8
    // passes it only to a master connection (libnixstore.so of Debian's 2.8.0 holds no -oLocalCommand).
    LOCAL_COMMAND("LocalCommand", Deployed.OFF,
        "after each ssh connection to a builder, with PermitLocalCommand yes (so Nix 2.8 does; Nix 2.26 puts its"
            + " own LocalCommand on ssh's command line, which wins)",
        "as 'LocalCommand none'",
        "it would run once ssh has connected (Nix 2.26 runs its own instead) and never decides where a build goes:"
            + " no cell's answer depends on it, unless it prints, as its output would reach Nix's connection"),
    KNOWN_HOSTS_COMMAND("KnownHostsCommand", Deployed.OFF,
        "to look up a builder's host keys",
        "as 'KnownHostsCommand none' (ssh checks the stand-ins' keys against known_hosts)",
        "ssh checked the stand-ins' keys against known_hosts. A command that did not vouch for a builder's key"
            + " would fail its builds in production, which no cell shows"),
    PKCS11_PROVIDER("PKCS11Provider", Deployed.OFF,
        "for each connection to a builder (a PKCS#11 library)",
        "as 'PKCS11Provider none'",
        "ssh loaded no PKCS#11 library, so it offered no key from one. A builder that accepts only such a key"
            + " fails its builds in production, which no cell shows"),
    SECURITY_KEY_PROVIDER("SecurityKeyProvider", Deployed.OFF,
        "when a security-key (FIDO) identity is used",
        "as 'SecurityKeyProvider internal' (ssh's own)",
        "ssh used its own security-key support. A key that needs the farm's library is not offered in the"
            + " stand-ins, which no cell shows"),
    MATCH_EXEC("Match exec", Deployed.NEVER_APPLIES,
        "whenever ssh reads this file, and the block applies only if it exits 0",
        "the block as never applying",
        "the block never applied: each cell is the answer without it. In production the command may succeed,"
            + " and the block could send builds elsewhere, which no cell shows"),
    REMOTE_COMMAND("RemoteCommand", Deployed.AS_WRITTEN, "", "",
        "deployed as written: it runs nothing, as ssh refuses every connection Nix makes through its block"),
    PROXY_JUMP("ProxyJump", Deployed.AS_WRITTEN, "", "",
        "deployed as written: ssh reaches builders through these hosts, each a stand-in bastion (ssh runs ssh; no"
            + " command of the farm's runs)"),
    /** A ProxyCommand that only runs {@code ssh -W %h:%p HOST} (SshHop#sshW): ProxyJump's older spelling. */
    PROXY_COMMAND_JUMP("ProxyCommand", Deployed.AS_WRITTEN, "", "",
        "deployed as written: it only runs ssh -W through a jump host, as ProxyJump does, and the jump host is a stand-in"
            + " bastion (no other command of the farm's runs)");

    /** The nix.conf setting or ssh keyword, in its documented spelling. */
    public final String keyword;
    public final Deployed deployed;
    private final String when;
    private final String neutralisedAs;
    private final String meaning;

    Kind(String keyword, Deployed deployed, String when, String neutralisedAs, String meaning) {
      this.keyword = keyword;
      this.deployed = deployed;
      this.when = when;
      this.neutralisedAs = neutralisedAs;
      this.meaning = meaning;
    }

    /** What an option deployed {@link Deployed#OFF} says. */
    public String offValue() {
      return this == SECURITY_KEY_PROVIDER ? "internal" : "none";
    }

    /** Whether it names a library Nix or ssh loads, rather than a program it runs. */
    public boolean loadsCode() {
      return this == PLUGIN_FILES || this == PKCS11_PROVIDER || this == SECURITY_KEY_PROVIDER;
    }

    /** The nix.conf settings come first, the ssh options after them. */
    boolean isNixSetting() {
      return java.util.EnumSet.range(BUILD_HOOK, PLUGIN_FILES).contains(this);
    }
  }

  public FarmCommand {
    Objects.requireNonNull(kind, "kind");
    blockSets = List.copyOf(blockSets);
  }

  /** The harness's no-op that stands for a recorded hook. */
  public static String recorder(Kind kind) {
    return RECORDER_DIR + "/" + kind.keyword;
  }

  /** Who runs it: the daemon and root's ssh run as root, the agent's own Nix (nixSettings) as the agent. */
  String who() {
    if (source == Source.NIX_SETTINGS) return FarmUser.AGENT.name();
    if (kind.isNixSetting() || !key.contains("/.ssh/") || key.startsWith(FarmUser.ROOT.home() + "/")) return "root";
    return FarmUser.ALL.stream().filter(u -> key.startsWith(u.home() + "/")).map(FarmUser::name).findFirst()
        .orElse("the user whose home holds it");
  }

  /** What lint says of it, at its file and line. */
  public String lintMessage() {
    String subject = source == Source.NIX_SETTINGS ? "nixSettings." + name : kind == Kind.MATCH_EXEC ? "Match exec" : name;
    String quoted = "'" + shown(command) + "'";
    return switch (kind) {
      case REMOTE_COMMAND -> name + " " + quoted + " makes ssh refuse every connection Nix makes through this block"
          + " (`Cannot execute command-line and remote command`: Nix names the command it runs on a builder), so"
          + " those builds fail; it runs nothing, and check deploys it as written";
      case PROXY_JUMP -> name + " has ssh reach builders through " + quoted + " (ssh runs ssh, no command of the"
          + " farm's); check stands in a bastion for each jump host and deploys it as written";
      case PROXY_COMMAND_JUMP -> name + " " + quoted + " only has ssh reach builders through a jump host with ssh -W, as"
          + " ProxyJump does; check stands in a bastion for it and deploys it as written";
      case PLUGIN_FILES, PKCS11_PROVIDER, SECURITY_KEY_PROVIDER -> subject + " has " + (kind.isNixSetting() ? "Nix" : "ssh")
          + " load " + quoted + " as code, as " + who() + ", " + kind.when + "; check deploys it " + deployedAs()
          + " unless --run-farm-commands";
      case MATCH_EXEC -> subject + " runs " + quoted + " as " + who() + " " + kind.when + ": it can change where builds go"
          + " in production" + sets() + ", while the stand-ins, which are not production's hosts, cannot evaluate it the"
          + " same way; check deploys " + kind.neutralisedAs + " unless --run-farm-commands";
      default -> subject + " runs " + quoted + " as " + who() + " " + kind.when + "; check deploys it " + deployedAs()
          + " unless --run-farm-commands";
    };
  }

  private String deployedAs() {
    return kind.deployed == Deployed.OFF ? kind.neutralisedAs : "neutralised (" + kind.neutralisedAs + ")";
  }

  /** What the map's notes say of it: neutralised, and what that means for the answers; or that it ran. */
  public String note(boolean ran) {
    String what = file + ":" + line + ": " + (kind == Kind.MATCH_EXEC ? "Match exec" : name) + " '" + shown(command) + "'";
    if (kind.deployed == Deployed.AS_WRITTEN) return what + ": " + kind.meaning;
    if (ran) {
      return what + " ran as written (--run-farm-commands)" + (kind == Kind.MATCH_EXEC ? " in the stand-ins; they are not"
          + " production's hosts, so the block may apply in production when it did not here, or the other way round" + sets()
          : "");
    }
    String how = switch (kind.deployed) {
      case RECORDED -> " (" + recorder(kind) + ", which notes each call in " + RECORDER_LOG + ")";
      case OFF -> " (deployed as '" + name + " " + kind.offValue() + "')";
      default -> "";
    };
    return what + " neutralised" + how + ": " + kind.meaning + (kind == Kind.MATCH_EXEC ? sets() : "");
  }

  private String sets() {
    return blockSets.isEmpty() ? "" : " (the block sets " + String.join(", ", blockSets) + ")";
  }

  /** The farm's text as a message quotes it: escaped, and cut short if long. */
  static String shown(String text) {
    String escaped = Printable.escape(text);
    return escaped.length() <= 120 ? escaped : escaped.substring(0, 117) + "...";
  }
}
