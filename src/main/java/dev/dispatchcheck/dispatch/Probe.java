package dev.dispatchcheck.dispatch;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The guide's check derivation without nixpkgs: a static busybox (baked into the host
 * image at {@link #BUSYBOX_DIR}) runs a shell script for any system string. The salt plays
 * the guide's {@code n}: a fresh one makes a new derivation, so a build always happens and
 * a dispatch always shows in the log.
 */
public record Probe(String system, String salt, Set<String> requiredFeatures, int seconds, int floodMiB,
    boolean createsOutput, boolean systemShell) {
  /** A directory holding only {@code busybox}: once in the store, argv[0] ends in "busybox". */
  public static final String BUSYBOX_DIR = "/opt/dispatchcheck/probe";
  /** Where the probe notes each run on the host that runs it (mode 1777 in the image). */
  public static final String JOURNAL_DIR = "/var/log/dispatchcheck";

  public Probe {
    requiredFeatures = Set.copyOf(requiredFeatures);
  }

  /** The guide's check, of the host image (its busybox baked in): it logs a few lines and creates its output. */
  public Probe(String system, String salt, Set<String> requiredFeatures, int seconds) {
    this(system, salt, requiredFeatures, seconds, 0, true, false);
  }

  /**
   * The same probe for a live farm, whose hosts have no busybox of the harness's: the
   * builder is {@code /bin/sh} (every Linux and darwin builder has one; in Nix's sandbox it
   * is the sandbox's shell), running shell builtins only, and it notes no journal (a
   * sandboxed build cannot, and a live host is not written to): the evidence is the
   * client's log and the builders' stores.
   */
  public Probe onSystemShell() {
    return new Probe(system, salt, requiredFeatures, seconds, floodMiB, createsOutput, true);
  }

  public static Probe salted(String system) {
    return new Probe(system, UUID.randomUUID().toString().substring(0, 8), Set.of(), 0);
  }

  public Probe requiring(Set<String> features) {
    return new Probe(system, salt, features, seconds, floodMiB, createsOutput, systemShell);
  }

  /** A probe that keeps its builder busy, so that concurrent builds overlap. */
  public Probe lasting(int seconds) {
    return new Probe(system, salt, requiredFeatures, seconds, floodMiB, createsOutput, systemShell);
  }

  /**
   * A probe that, once its {@link #seconds} are over, prints {@code mib} MiB of log (more than
   * the pipes to a client hold) on its first run on a host; a later run there prints none.
   */
  public Probe flooding(int mib) {
    return new Probe(system, salt, requiredFeatures, seconds, mib, createsOutput, systemShell);
  }

  /** A probe whose builder exits 0 without creating its declared output, {@code out}. */
  public Probe withoutOutput() {
    return new Probe(system, salt, requiredFeatures, seconds, floodMiB, false, systemShell);
  }

  /** The system, with the features it requires and how it differs from the guide's check, if it does. */
  public String describe() {
    String d = requiredFeatures.isEmpty() ? system : system + " requiring " + String.join(", ", new TreeSet<>(requiredFeatures));
    if (floodMiB > 0) d += " that prints " + floodMiB + " MiB of log on its first run";
    return createsOutput ? d : d + " that never creates its output";
  }

  public String name() {
    return "dispatchcheck-probe-" + salt;
  }

  /** Configure-style lines on the builder, as the guide waits for, then the output. */
  private String script() {
    if (systemShell) {
      // Builtins only: "sleep" is not one; a live probe's seconds are 0 (only the scenarios' concurrency steps ask more).
      return String.join("; ", List.of(
          "echo \"checking build system type... $system\"",
          "echo \"checking probe salt... $n\"",
          "echo \"built-by: dispatchcheck probe $n\" > $out"));
    }
    return String.join("; ", List.of(
        "echo \"checking build system type... $system\"",
        "echo \"checking host name... $($bb hostname)\"",
        "echo \"checking probe salt... $n\"",
        seconds > 0 ? "$bb sleep " + seconds : "true",
        // Only the first run on a host floods (its marker made at once), so that a later build of
        // the same derivation there is quick unless something holds it up.
        floodMiB > 0 ? "if $bb mkdir " + JOURNAL_DIR + "/flood-$n 2>/dev/null; then $bb yes \"probe $n: one more line of"
            + " log, as a chatty build prints them\" | $bb head -c " + floodMiB * 1024L * 1024L + "; fi" : "true",
        "echo \"$n $($bb hostname)\" > " + JOURNAL_DIR + "/probe-$n",
        createsOutput ? "echo \"built-on: $($bb hostname)\" > $out" : "true"));
  }

  public String expression() {
    StringBuilder features = new StringBuilder();
    for (String f : new TreeSet<>(requiredFeatures)) features.append(" ").append(nixString(f));
    return "derivation {\n"
        + "  name = " + nixString(name()) + ";\n"
        + "  system = " + nixString(system) + ";\n"
        + (systemShell ? "  builder = \"/bin/sh\";\n"
            : "  builder = \"${" + BUSYBOX_DIR + "}/busybox\";\n  bb = \"${" + BUSYBOX_DIR + "}/busybox\";\n")
        + "  n = " + nixString(salt) + ";\n"
        + "  requiredSystemFeatures = [" + features + " ];\n"
        + "  args = [ " + (systemShell ? "" : "\"sh\" ") + "\"-c\" " + nixString(script()) + " ];\n"
        + "}";
  }

  /** The host file in which a run of this probe is noted. */
  public String journalFile() {
    return JOURNAL_DIR + "/probe-" + salt;
  }

  /**
   * The argv that runs the guide's check as {@code user}. The structured log lets the
   * harness read each build activity's machine besides the text.
   */
  public List<String> nixBuildCommand(String user) {
    List<String> cmd = new java.util.ArrayList<>(List.of("sudo", "-u", user));
    cmd.addAll(nixBuildArgs(List.of()));
    return List.copyOf(cmd);
  }

  /** The nix-build itself, with {@code options} (e.g. an effect's own {@code --builders}) before the expression. */
  public List<String> nixBuildArgs(List<String> options) {
    List<String> cmd = new java.util.ArrayList<>(List.of("nix-build", "--no-out-link", "--log-format", "internal-json"));
    cmd.addAll(options);
    cmd.addAll(List.of("--expr", expression()));
    return List.copyOf(cmd);
  }

  /** The same command as a person would type it, for the report. */
  public String shellCommand(String user) {
    return "sudo -u " + Shell.quote(user) + " nix-build --no-out-link --log-format internal-json --expr "
        + Shell.quote(expression());
  }

  /** A Nix string literal: quotes, backslashes and interpolation starts escaped. */
  static String nixString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "\\${") + "\"";
  }
}
