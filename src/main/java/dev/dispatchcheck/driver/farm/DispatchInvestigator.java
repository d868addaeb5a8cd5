package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.driver.probe.BuildRun;
import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.evidence.CrossCheck;
import dev.dispatchcheck.dispatch.evidence.Diagnosis;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.evidence.Outcome;
import dev.dispatchcheck.dispatch.evidence.SshdLog;
import dev.dispatchcheck.dispatch.config.SshRoute;
import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a finished build into a {@link DispatchRecord} that rests on both ends of the SSH
 * link: the client's log, every other host's store (the salted output can only be on the
 * host that built it, and on the client it was copied back to, which is why the client's
 * store is not asked), every host's probe journal, and the daemon's view of the user for
 * the likely cause.
 */
final class DispatchInvestigator {
  private DispatchInvestigator() {}

  static DispatchRecord investigate(Farm farm, BuildRun run) {
    run.streamBroken().ifPresent(t -> {
      throw new HarnessError("the log stream of " + run.user() + "'s build on " + run.host()
          + " broke, so the log read is not the whole log: " + t, t);
    });
    // The log names the builder as the machines line does; root's ssh_config says which host that is.
    DispatchRecord fromLog = run.record().withRoute(run.record().builderUri().flatMap(farm.spec()::route));
    if (farm.live().isEmpty()) fromLog = withLoginShell(farm, fromLog);
    NixHost origin = farm.host(run.host());
    ClientFacts facts = farm.facts(run.host(), run.user(), run.effect());
    DispatchRecord record = fromLog.withLikelyCause(Diagnosis.likelyCause(fromLog, facts, run.effect()));
    Optional<String> output = record.outputPath().or(() -> record.derivation().flatMap(d -> outputOf(origin, d)));
    if (output.isEmpty()) return record;
    Optional<LiveHosts> live = farm.live();
    if (live.isPresent()) return record.withCrossCheck(output.get(), live.get().crossCheck(output.get(), record.derivation()));
    Map<String, Boolean> stores = new LinkedHashMap<>();
    Map<String, Boolean> journals = new LinkedHashMap<>();
    // The client's store is not counted (see above), so it is not asked: a Nix process a build saved.
    String journal = "test -e " + Shell.quote(run.probe().journalFile()) + " && echo journal; true";
    String store = validityCheck(output.get()) + " && echo store; ";
    // Down or frozen hosts cannot be asked, and are not counted either way. Every host is
    // asked at once, whether it runs (an engine call) and then what it saw.
    List<NixHost> all = farm.hosts();
    List<Optional<String>> seen = Concurrently.map(all, h -> h.isRunning()
        ? Optional.of(h.queryOrFail("root", (h == origin ? "" : store) + journal)) : Optional.<String>empty());
    for (int i = 0; i < all.size(); i++) {
      NixHost h = all.get(i);
      if (seen.get(i).isEmpty()) continue;
      if (h != origin) stores.put(h.name(), seen.get(i).get().contains("store"));
      journals.put(h.name(), seen.get(i).get().contains("journal"));
    }
    DispatchRecord checked = record.withCrossCheck(output.get(), new CrossCheck(origin.name(), stores, journals,
        jumpRefusals(farm, record, facts, origin)));
    return checked.withLikelyCause(Diagnosis.likelyCause(checked, facts, run.effect()));
  }

  /**
   * Each jump host on the build's route whose sshd log shows it refusing root's ssh from the
   * client every time, with what the log says. A log is the host's since its last reset: a
   * login it refused once it refuses for every build.
   */
  private static Map<String, String> jumpRefusals(Farm farm, DispatchRecord record, ClientFacts facts, NixHost origin) {
    Map<String, String> out = new LinkedHashMap<>();
    if (record.outcome() != Outcome.FAILED) return out;
    // The builder the log names, or, where Nix gave up before naming one, each the daemon could use for this user.
    List<SshRoute> routes = record.route().map(List::of).orElseGet(() -> farm.spec().routes().values().stream()
        .filter(r -> facts.daemonMachines().stream().anyMatch(r.name()::equalsIgnoreCase)).toList());
    List<SshRoute> hops = routes.stream().flatMap(r -> r.via().stream()).distinct().toList();
    if (hops.isEmpty()) return out;
    Set<String> from = Set.of(origin.queryOrFail("root", "hostname -I").strip().split("\\s+"));
    for (SshRoute hop : hops) {
      String log = farm.host(hop.host()).readFile(SshStandIns.SSHD_LOG).orElse("");
      int refused = SshdLog.refusals(log, hop.user(), from);
      if (refused > 0 && SshdLog.logins(log, hop.user(), from) == 0) {
        out.put(hop.host(), "its sshd refused root's ssh from " + origin.name() + " as " + hop.user() + " " + refused
            + (refused == 1 ? " time" : " times") + " and let it in none");
      }
    }
    return out;
  }

  /**
   * For a builder's end that closed before Nix spoke, the login shell of the SSH user on the
   * builder the error line names ("cannot build on 'ssh-ng://nix@b'"), from its passwd.
   */
  private static DispatchRecord withLoginShell(Farm farm, DispatchRecord record) {
    if (record.error().filter(e -> e == ErrorClass.REMOTE_CLOSED_EARLY).isEmpty()) return record;
    Matcher m = CANNOT_BUILD_ON.matcher(record.errorLine().orElse(""));
    Optional<SshRoute> route = m.find() ? farm.spec().route(m.group(1)) : Optional.empty();
    NixHost builder = route.map(r -> farm.host(r.host())).filter(NixHost::isRunning).orElse(null);
    if (builder == null) return record;
    String user = route.get().user();
    String shell = builder.queryOrFail("root", "getent passwd " + Shell.quote(user) + " | cut -d: -f7").strip();
    return record.withBuilderLoginShell(builder.name(), user, shell);
  }

  private static final Pattern CANNOT_BUILD_ON = Pattern.compile("cannot build on '([^']+)'");

  /** A store path as Nix names one: nothing in it needs quoting in SQL or in the shell. */
  private static final Pattern STORE_PATH = Pattern.compile("/nix/store/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]+");

  /**
   * A shell command that succeeds when {@code path} is valid in a stand-in's store, that is
   * registered in its database's ValidPaths, which is what {@code nix-store --check-validity}
   * asks. Read with sqlite3 (the image's): a Nix process's start costs some 30 ms of CPU, two
   * a build; sqlite3 some 3 ms. It waits while Nix holds the database (without a timeout, 108
   * of 1,500 reads beside a loop of nix-store --add said "database is locked", which read as
   * "not in this store"; with it, none), and a read that fails all the same is asked of
   * nix-store. A path of any other form is asked of nix-store itself.
   */
  static String validityCheck(String path) {
    String nixStore = "nix-store --check-validity " + Shell.quote(path) + " >/dev/null 2>&1";
    if (!STORE_PATH.matcher(path).matches()) return nixStore;
    return "{ n=$(sqlite3 -readonly -cmd '.timeout 5000' /nix/var/nix/db/db.sqlite"
        + " \"select count(*) from ValidPaths where path = '" + path + "'\" 2>/dev/null)"
        + " || n=$(" + nixStore + " && echo 1); [ \"$n\" = 1 ]; }";
  }

  /** The output path of a derivation in the client's store, even if it was never built. */
  private static Optional<String> outputOf(NixHost client, String drv) {
    var r = client.query(List.of("nix-store", "--query", "--outputs", drv));
    return r.exitCode() == 0 ? r.stdout().lines().findFirst().map(String::strip) : Optional.empty();
  }
}
