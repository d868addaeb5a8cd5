package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.MachinesFileException;
import dev.dispatchcheck.dispatch.config.SshRoute;
import dev.dispatchcheck.dispatch.config.StoreUri;
import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the harness will start and probe for a farm: the daemon's view of each user that
 * matters, a stand-in for every builder any reachable machines line names, and the map
 * cells (user, system, required features) to build.
 *
 * @param users the daemon's view of each of {@link FarmUser#ALL}, in that order
 * @param standIns one per builder host, sorted by host name
 * @param cells sorted by user, system, then features: the guide's check as each user
 * @param effectCells the agent's cells again, each built by an effect of the agent's (docs/effects.md)
 * @param routes how root's ssh reaches each SSH builder a reachable machines line names, by the line's
 *     {@code [user@]host} as written ({@link #routeKey})
 * @param bastions a stand-in for every jump host on those routes, sorted by host name
 */
public record FarmPlan(List<ClientFacts> users, List<StandIn> standIns, List<Cell> cells, List<Cell> effectCells,
    Map<String, SshRoute> routes, List<Bastion> bastions) {

  /** The agent host's own system; also what Nix assumes for a machines line that names none. */
  public static final String NATIVE_SYSTEM = "x86_64-linux";

  /** What a cell of a user whose builders value reaches a Lix TOML machines file is not stood in for. */
  public static final String LIX_TOML = "Lix TOML";

  /**
   * A builder to stand in for.
   *
   * @param host lowercased host name from the store URIs
   * @param sshUsers the users the URIs log in as ({@code root} when they name none), sorted
   * @param protocols {@code ssh} and/or {@code ssh-ng}, sorted
   * @param systems the union over the host's lines, sorted
   * @param features supported ∪ mandatory over its lines, sorted
   * @param keyFiles the ssh-key column values, absolute paths on the agent host, as written
   * @param hostKeys the host-key column values, distinct
   * @param ownNixConf whether the farm gives the builder a nix.conf of its own
   * @param aliases the other names machines lines give it, which root's ssh_config makes this host's, sorted
   * @param ports the ports ssh connects to, sorted
   */
  public record StandIn(String host, List<String> sshUsers, List<String> protocols, List<String> systems,
      List<String> features, List<String> keyFiles, List<HostKey> hostKeys, boolean ownNixConf, List<String> aliases,
      List<Integer> ports) {

    public StandIn {
      sshUsers = List.copyOf(sshUsers);
      protocols = List.copyOf(protocols);
      systems = List.copyOf(systems);
      features = List.copyOf(features);
      keyFiles = List.copyOf(keyFiles);
      hostKeys = List.copyOf(hostKeys);
      aliases = List.copyOf(aliases);
      ports = List.copyOf(ports);
    }

    /** A builder named as ssh reaches it, with no alias and the default port. */
    public StandIn(String host, List<String> sshUsers, List<String> protocols, List<String> systems,
        List<String> features, List<String> keyFiles, List<HostKey> hostKeys, boolean ownNixConf) {
      this(host, sshUsers, protocols, systems, features, keyFiles, hostKeys, ownNixConf, List.of(), List.of());
    }
  }

  /**
   * A jump host to stand in for: an sshd that root's ssh logs in to, and that opens the
   * connections onward to builders ({@code -W}).
   *
   * @param host lowercased, as ssh connects to it
   * @param ports the ports ssh connects to, sorted
   * @param logins who ssh logs in as there, with the keys it offers and those the bastion accepts, by user
   */
  public record Bastion(String host, List<Integer> ports, List<BastionLogins.Login> logins) {
    public Bastion {
      ports = List.copyOf(ports);
      logins = List.copyOf(logins);
    }

    /** The users ssh logs in as, sorted. */
    public List<String> sshUsers() {
      return logins.stream().map(BastionLogins.Login::user).sorted().toList();
    }
  }

  /**
   * One probe: a build as {@code user} for {@code system} requiring {@code features}
   * (sorted).
   *
   * @param unsimulated what kind of builder line (of those the daemon uses for this user)
   *     could take this build and has no stand-in ({@link #notStoodIn}), such as {@code http}
   *     or {@code daemon}, or {@link #LIX_TOML}: such a cell is not probed, since where Nix
   *     would send the build in the real farm cannot be observed here
   */
  public record Cell(String user, String system, List<String> features, Optional<String> unsimulated, boolean effect) {
    public Cell(String user, String system, List<String> features, Optional<String> unsimulated) {
      this(user, system, features, unsimulated, false);
    }

    public Cell {
      features = features.stream().sorted().toList();
    }

    public Cell(String user, String system, List<String> features) {
      this(user, system, features, Optional.empty());
    }
  }

  private static final Comparator<Cell> CELL_ORDER = Comparator.comparing(Cell::user)
      .thenComparing(Cell::system).thenComparing(c -> String.join(",", c.features()));

  public FarmPlan {
    users = List.copyOf(users);
    standIns = List.copyOf(standIns);
    cells = List.copyOf(cells);
    effectCells = List.copyOf(effectCells);
    routes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(routes));
    bastions = List.copyOf(bastions);
  }

  public static FarmPlan of(FarmLayout layout) {
    return of(layout, FarmLimits.DEFAULT);
  }

  /** The plan, include chains followed as deep as {@code limits} lets lint follow them. */
  public static FarmPlan of(FarmLayout layout, FarmLimits limits) {
    AgentView view = new AgentView(layout, limits);
    List<ClientFacts> users = FarmUser.ALL.stream().map(u -> facts(view, u)).toList();
    List<Machine> reachable = reachable(view);
    List<Cell> cells = cells(reachable, view);
    Map<String, SshRoute> routes = routes(reachable, RootSsh.of(layout));
    return new FarmPlan(users, standIns(reachable, layout, routes), cells, effectCells(cells, view), routes,
        bastions(routes.values(), BastionLogins.of(layout, routes.values())));
  }

  /** How a machines line's builder is looked up among {@link #routes()}: its {@code [user@]host} as written. */
  public static String routeKey(StoreUri uri) {
    return uri.user().map(u -> u + "@").orElse("") + uri.host();
  }

  /** The route to the builder of a store URI as a machines line or the client's log writes it. */
  public Optional<SshRoute> route(String storeUri) {
    return Optional.ofNullable(routes.get(routeKey(new StoreUri(storeUri))));
  }

  private static Map<String, SshRoute> routes(List<Machine> machines, RootSsh ssh) {
    Map<String, SshRoute> routes = new LinkedHashMap<>();
    for (Machine m : machines) {
      if (notStoodIn(m).isEmpty()) routes.computeIfAbsent(routeKey(m.uri()), k -> ssh.route(m.hostName(), m.uri().user()));
    }
    return routes;
  }

  private static List<Bastion> bastions(java.util.Collection<SshRoute> routes, List<BastionLogins.Login> logins) {
    Map<String, List<SshRoute>> byHost = new java.util.TreeMap<>();
    routes.forEach(r -> r.via().forEach(hop -> byHost.computeIfAbsent(hop.host(), h -> new ArrayList<>()).add(hop)));
    return byHost.entrySet().stream().map(e -> new Bastion(e.getKey(),
        e.getValue().stream().map(SshRoute::port).distinct().sorted().toList(),
        logins.stream().filter(l -> l.host().equals(e.getKey())).toList())).toList();
  }

  /**
   * The identity files ssh_config gives ssh for a route that the harness can make a
   * throwaway key at: root's own key ({@code ~/.ssh/id_ed25519}) is the harness's already,
   * and a path that is not a key's place is left to lint.
   */
  static List<String> keyFiles(SshRoute route) {
    return route.identityFiles().stream().filter(FarmPlan::throwawayPlace).toList();
  }

  /** Whether the harness may make a throwaway key at {@code file}: a key's place, and not root's own key. */
  static boolean throwawayPlace(String file) {
    return MachineValues.isKeyPath(file) && AgentPaths.keyFileProblem(file, file).isEmpty();
  }

  /** Every cell the map draws: the users' and then the agent's effects'. */
  public List<Cell> allCells() {
    return java.util.stream.Stream.concat(cells.stream(), effectCells.stream()).toList();
  }

  /** The agent's cells again, each built by an effect of the agent's. */
  private static List<Cell> effectCells(List<Cell> cells, AgentView view) {
    MachinesFile used = parseOrNone(view.effectDaemonBuilders(), view);
    List<Cell> out = new ArrayList<>();
    for (Cell c : cells) {
      if (!c.user().equals(FarmUser.AGENT.name())) continue;
      out.add(new Cell(c.user(), c.system(), c.features(), unsimulated(used, c.system(), Set.copyOf(c.features())), true));
    }
    return out;
  }

  public Optional<StandIn> standIn(String host) {
    return standIns.stream().filter(s -> s.host().equalsIgnoreCase(host)).findFirst();
  }

  public Optional<ClientFacts> user(String name) {
    return users.stream().filter(u -> u.user().equals(name)).findFirst();
  }

  /** As ClientFactsReader reads a live host, so the prediction and the observation compare field by field. */
  private static ClientFacts facts(AgentView view, FarmUser user) {
    String builders = view.daemonBuilders(user);
    List<String> machines;
    List<String> missing = List.of();
    try {
      MachinesFile parsed = parse(builders, view);
      machines = parsed.machines().stream().map(Machine::hostName).toList();
      missing = parsed.missingIncludes();
    } catch (MachinesFileException e) {
      machines = List.of("(unparsable: " + e.getMessage() + ")");
    }
    return new ClientFacts(user.name(), view.trusted(user), String.join(" ", view.trustedUsers()),
        view.ownBuilders(user).map(NixConfChain.Located::value), builders, machines, missing);
  }

  /**
   * The lines of the system's value and of every user's own value, trusted or not: an
   * untrusted agent's builders must stand ready for when the operator trusts it.
   */
  private static List<Machine> reachable(AgentView view) {
    List<Machine> machines = new ArrayList<>();
    view.walkSystem().builders().forEach(b -> machines.add(b.machine()));
    for (FarmUser user : FarmUser.ALL) {
      view.walkOwn(user).ifPresent(w -> w.builders().forEach(b -> machines.add(b.machine())));
    }
    view.walkNixSettings().ifPresent(w -> w.builders().forEach(b -> machines.add(b.machine())));
    return machines;
  }

  /** One stand-in for each host ssh connects to, whatever names the machines lines give it. */
  private static List<StandIn> standIns(List<Machine> machines, FarmLayout layout, Map<String, SshRoute> routes) {
    Map<String, List<Machine>> byHost = new LinkedHashMap<>();
    for (Machine m : machines) {
      if (notStoodIn(m).isEmpty()) byHost.computeIfAbsent(routes.get(routeKey(m.uri())).host(), h -> new ArrayList<>()).add(m);
    }
    return byHost.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> standIn(e.getKey(), e.getValue(), layout.builderNixConf(e.getKey()).isPresent(), routes))
        .toList();
  }

  private static StandIn standIn(String host, List<Machine> lines, boolean ownNixConf, Map<String, SshRoute> routes) {
    Set<String> aliases = new TreeSet<>();
    Set<Integer> ports = new TreeSet<>();
    Set<String> users = new TreeSet<>();
    Set<String> protocols = new TreeSet<>();
    Set<String> systems = new TreeSet<>();
    Set<String> features = new TreeSet<>();
    Set<String> keyFiles = new LinkedHashSet<>();
    Set<HostKey> hostKeys = new LinkedHashSet<>();
    for (Machine m : lines) {
      SshRoute route = routes.get(routeKey(m.uri()));
      if (route.isAlias()) aliases.add(m.hostName());
      ports.add(route.port());
      users.add(route.user());
      protocols.add(m.uri().scheme());
      systems.addAll(systemsOf(m));
      features.addAll(m.supportedFeatures());
      features.addAll(m.mandatoryFeatures());
      m.sshKey().ifPresent(keyFiles::add);
      keyFiles.addAll(keyFiles(route));
      m.publicHostKey().map(HostKey::of).ifPresent(hostKeys::add);
    }
    return new StandIn(host, List.copyOf(users), List.copyOf(protocols), List.copyOf(systems),
        List.copyOf(features), List.copyOf(keyFiles), List.copyOf(hostKeys), ownNixConf, List.copyOf(aliases),
        List.copyOf(ports));
  }

  /**
   * The host a machines line has a stand-in for, lowercased, as root's {@code ssh} makes its
   * name; none for a line {@link #notStoodIn}.
   */
  static Optional<String> standInHost(Machine m, RootSsh ssh) {
    return notStoodIn(m).isEmpty() ? Optional.of(ssh.route(m.hostName(), m.uri().user()).host()) : Optional.empty();
  }

  /**
   * Why a machines line has no stand-in, as its cells say it ("not stood in: KIND builders are
   * not simulated"); none for an SSH builder named by a host name, the only kind a stand-in
   * answers to. Lint says what Nix makes of each: a store that is no SSH builder (its scheme),
   * an IPv6 address ("IPv6 ssh"), a URI without '//' ("ssh:HOST").
   */
  static Optional<String> notStoodIn(Machine m) {
    StoreUri uri = m.uri();
    Optional<String> withoutSlashes = uri.schemeWithoutSlashes();
    if (withoutSlashes.isPresent()) return withoutSlashes.map(s -> s + ":HOST");
    if (!uri.isSsh()) return Optional.of(uri.scheme());
    return uri.isIpv6Literal() ? Optional.of("IPv6 " + uri.scheme()) : Optional.empty();
  }

  /** The probes ([system, feature...]) before any machines line: the native system with no features. */
  static Set<List<String>> firstProbes() {
    Set<List<String>> probes = new LinkedHashSet<>();
    probes.add(List.of(NATIVE_SYSTEM));
    return probes;
  }

  /** Adds a line's probes: per system, no features, its mandatory ones, each supported one. */
  static void addProbes(Machine m, Set<List<String>> probes) {
    for (String system : systemsOf(m)) {
      probes.add(List.of(system));
      if (!m.mandatoryFeatures().isEmpty()) probes.add(probe(system, m.mandatoryFeatures()));
      for (String feature : m.supportedFeatures()) probes.add(probe(system, Set.of(feature)));
    }
  }

  /** The map's cells for so many probes: each of {@link FarmUser#ALL}'s, and the agent's again, built by an effect. */
  static long cellsOf(int probes) {
    return (long) probes * (FarmUser.ALL.size() + 1);
  }

  private static List<Cell> cells(List<Machine> machines, AgentView view) {
    Set<List<String>> probes = firstProbes();
    for (Machine m : machines) addProbes(m, probes);
    List<Cell> cells = new ArrayList<>();
    for (FarmUser user : FarmUser.ALL) {
      MachinesFile used = parseOrNone(view.daemonBuilders(user), view);
      for (List<String> p : probes) {
        String system = p.get(0);
        List<String> features = p.subList(1, p.size());
        cells.add(new Cell(user.name(), system, features, unsimulated(used, system, Set.copyOf(features))));
      }
    }
    cells.sort(CELL_ORDER);
    return cells;
  }

  /** A builders value the daemon uses, parsed; no machines when it cannot be parsed (Lint reports that). */
  private static MachinesFile parseOrNone(String builders, AgentView view) {
    try {
      return parse(builders, view);
    } catch (MachinesFileException e) {
      return MachinesFile.none();
    }
  }

  /** A builders value as Nix reads it, includes followed through the farm's files as deep as lint follows them. */
  private static MachinesFile parse(String builders, AgentView view) {
    return MachinesFile.parse(builders, view.files(), view.limits().includeDepth());
  }

  /**
   * Why the first line that could take the build has no stand-in; {@link #LIX_TOML} for any
   * build when the value reaches a Lix TOML file, whose builders the harness cannot know.
   */
  private static Optional<String> unsimulated(MachinesFile used, String system, Set<String> features) {
    if (!used.lixTomlFiles().isEmpty()) return Optional.of(LIX_TOML);
    return used.machines().stream().filter(m -> takes(m, system, features)).map(FarmPlan::notStoodIn)
        .flatMap(Optional::stream).findFirst();
  }

  /**
   * Nix's rule: the system is listed, required ⊆ supported ∪ mandatory, and mandatory ⊆
   * required; a line that names no system is taken for the native one.
   */
  static boolean takes(Machine m, String system, Set<String> required) {
    Set<String> offered = new TreeSet<>(m.supportedFeatures());
    offered.addAll(m.mandatoryFeatures());
    return systemsOf(m).contains(system) && offered.containsAll(required) && required.containsAll(m.mandatoryFeatures());
  }

  private static List<String> probe(String system, Set<String> features) {
    List<String> p = new ArrayList<>(List.of(system));
    p.addAll(new TreeSet<>(features));
    return p;
  }

  /** A line naming no system stands for the agent's own (Nix fills in its local system). */
  static List<String> systemsOf(Machine m) {
    return m.systems().isEmpty() ? List.of(NATIVE_SYSTEM) : m.systems();
  }
}
