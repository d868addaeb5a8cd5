package dev.dispatchcheck.report;

import dev.dispatchcheck.report.MapDiff.Change;
import dev.dispatchcheck.dispatch.layout.FarmPlan;
import dev.dispatchcheck.dispatch.layout.FarmUser;
import dev.dispatchcheck.dispatch.map.CellAnswer;
import dev.dispatchcheck.dispatch.map.DispatchMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dispatch map as a grid to read at a glance: users as rows ({@link RowKind}), systems and
 * feature sets as columns, in each cell the builder in a few words with a symbol for its kind
 * and, folded away, the evidence; given the map from before a change, what became of each cell
 * (by {@link MapDiff#change}'s rule). Nothing here is HTML or Markdown: templates render it
 * ({@link MapReport}).
 *
 * @param nix the Nix pair, in words ("" when not said)
 * @param before the farm compared with, or {@code null}
 * @param footnotes what a row's mark refers to, in order
 * @param notes what the harness assumed or overrode
 */
public record MapGrid(String farm, String nix, String before, List<Column> columns, List<Row> rows, List<String> footnotes,
    List<String> notes) {

  /**
   * The kinds of row, in the grid's order. Another kind of row (the agent's effects) is one
   * more constant, naming the user its map rows carry.
   */
  public enum RowKind {
    AGENT(FarmUser.AGENT.name(), "the agent (hercules-ci-agent)", null),
    /** The agent's cells built by an effect ({@link DispatchMap.Row#who()}). */
    AGENT_EFFECTS(FarmUser.AGENT.name() + " (effect)", "the agent's effects", "Built as an effect of the agent's builds:"
        + " a client with no Nix configuration of its own, through the agent's own proxy daemon with the farm's nixSettings."),
    ORDINARY(FarmUser.ORDINARY.name(), "an ordinary user", "The harness's account " + FarmUser.ORDINARY.name()
        + " stood for an ordinary user: a user of the agent host with no nix.conf of its own, trusted only if the"
        + " farm's nix.conf says so."),
    ROOT(FarmUser.ROOT.name(), "root", null);

    final String user;
    final String label;
    /** What the row's mark refers to, or {@code null}. */
    final String footnote;

    RowKind(String user, String label, String footnote) {
      this.user = user;
      this.label = label;
      this.footnote = footnote;
    }

    static Optional<RowKind> of(String user) {
      return Arrays.stream(values()).filter(k -> k.user.equals(user)).findFirst();
    }
  }

  /** A symbol per kind of answer, and what it means. */
  public record Legend(String kind, String symbol, String meaning) {}

  static final String ABSENT = "absent";
  static final String HARNESS_ERROR = "harnessError";

  static final List<Legend> LEGEND = List.of(
      new Legend("wentTo", "↗", "went to that builder"),
      new Legend("builtLocally", "⌂", "built locally, on the agent host"),
      new Legend("nothingBuilt", "∅", "nothing built: the output was already there"),
      new Legend("failed", "✗", "the build fails, and why"),
      new Legend("notStoodIn", "○", "not probed: a builder line that could take it is of a kind the harness does not simulate"),
      new Legend(HARNESS_ERROR, "⚠", "HARNESS ERROR: no answer, so no verdict"),
      new Legend(ABSENT, "—", "no such cell in this map"));

  private static final String[] MARKS = {"¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

  /** A system and the features a build of it requires. */
  public record Column(String system, List<String> features) {
    static final Comparator<Column> ORDER = Comparator.comparing(Column::system)
        .thenComparingInt(c -> c.features().size()).thenComparing(c -> String.join(",", c.features()));

    public Column {
      features = List.copyOf(features);
    }

    /** "aarch64-linux", "aarch64-linux + big-parallel", "x86_64-linux (native)". */
    String label() {
      String system = this.system.equals(FarmPlan.NATIVE_SYSTEM) ? this.system + " (native)" : this.system;
      return features.isEmpty() ? system : system + " + " + String.join(" + ", features);
    }
  }

  /** @param mark a footnote's mark, or "" */
  public record Row(String label, String mark, List<Cell> cells) {}

  /**
   * One user's build for one column.
   *
   * @param now the answer, {@code null} where the map has no such cell
   * @param change what became of it since the map before, {@code null} when there is none to compare with
   * @param was the answer before, {@code null} where that map had no such cell
   */
  public record Cell(String row, String column, CellAnswer now, List<String> evidence, Change change, CellAnswer was,
      List<String> wasEvidence) {

    String kind() {
      return now == null ? ABSENT : now.kind();
    }

    String symbol() {
      return symbolOf(unanswered() ? HARNESS_ERROR : kind());
    }

    /** The cell's words: the answer; a move's "before → after"; a harness error either side as such, never a move. */
    String shown() {
      if (moved()) return brief(was) + " → " + brief(now);
      if (!unanswered()) return brief(now);
      boolean both = now instanceof CellAnswer.HarnessError && was instanceof CellAnswer.HarnessError;
      return brief(now) + (both ? " (before too)" : " (before: " + brief(was) + ")");
    }

    /** The answer in full (a failure's cause, a harness error's why). */
    String full() {
      return MapDiff.text(now);
    }

    String wasFull() {
      return MapDiff.text(was);
    }

    boolean compared() {
      return change != null;
    }

    boolean moved() {
      return change == Change.MOVED;
    }

    boolean unanswered() {
      return change == Change.UNANSWERED;
    }

    /** Whether the answer in full says more than the cell's words. */
    boolean saysMore() {
      return !full().equals(shown());
    }

    boolean anyEvidence() {
      return !evidence.isEmpty();
    }

    boolean anyWasEvidence() {
      return !wasEvidence.isEmpty();
    }

    /** Whether the cell says anything of the map before (a move, or a harness error on either side). */
    boolean showsBefore() {
      return moved() || unanswered();
    }

    /** "wentTo", "failed moved", "wentTo unanswered", "builtLocally same". */
    String classes() {
      return change == null ? kind() : kind() + " " + change.name().toLowerCase();
    }

    private static String brief(CellAnswer a) {
      return a == null ? MapDiff.NO_SUCH_CELL : a.brief();
    }
  }

  static String symbolOf(String kind) {
    return LEGEND.stream().filter(l -> l.kind().equals(kind)).findFirst().map(Legend::symbol).orElse("?");
  }

  /** A map on its own. */
  static MapGrid of(String farm, String nix, List<DispatchMap.Row> rows, List<String> notes) {
    return compared(farm, nix, rows, notes, null, List.of());
  }

  /** A map and the map of the farm before the change ({@code --before}); no comparison where {@code before} is null. */
  public static MapGrid compared(String farm, String nix, List<DispatchMap.Row> rows, List<String> notes, String before,
      List<DispatchMap.Row> was) {
    Map<String, DispatchMap.Row> now = byCell(rows);
    Map<String, DispatchMap.Row> then = byCell(was);
    Set<Column> columns = new TreeSet<>(Column.ORDER);
    Set<String> users = new LinkedHashSet<>();
    for (List<DispatchMap.Row> map : List.of(rows, was)) {
      map.forEach(r -> {
        columns.add(new Column(r.system(), r.features()));
        users.add(r.who());
      });
    }
    List<String> ordered = new ArrayList<>();
    for (RowKind k : RowKind.values()) if (users.contains(k.user)) ordered.add(k.user);
    users.stream().filter(u -> RowKind.of(u).isEmpty()).forEach(ordered::add);

    List<String> footnotes = new ArrayList<>();
    List<Row> grid = new ArrayList<>();
    for (String user : ordered) {
      Optional<RowKind> kind = RowKind.of(user);
      String label = kind.map(k -> k.label).orElse(user);
      String mark = "";
      if (kind.isPresent() && kind.get().footnote != null) {
        mark = MARKS[Math.min(footnotes.size(), MARKS.length - 1)];
        footnotes.add(mark + " " + kind.get().footnote);
      }
      List<Cell> cells = new ArrayList<>();
      for (Column c : columns) {
        DispatchMap.Row n = now.get(key(user, c)), w = then.get(key(user, c));
        CellAnswer a = n == null ? null : n.answer(), b = w == null ? null : w.answer();
        Change change = before == null ? null : a == null && b == null ? Change.SAME : MapDiff.change(b, a);
        cells.add(new Cell(label, c.label(), a, n == null ? List.of() : n.evidence(), change, b,
            w == null ? List.of() : w.evidence()));
      }
      grid.add(new Row(label, mark, cells));
    }
    return new MapGrid(farm, nix, before, List.copyOf(columns), grid, footnotes, List.copyOf(notes));
  }

  private static Map<String, DispatchMap.Row> byCell(List<DispatchMap.Row> rows) {
    Map<String, DispatchMap.Row> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(key(r.who(), new Column(r.system(), r.features())), r));
    return out;
  }

  private static String key(String user, Column c) {
    return user + "\n" + c.system() + "\n" + String.join(",", c.features());
  }

  boolean compared() {
    return before != null;
  }

  /** "Nix 2.26 on the agent host, Nix 2.26 on the builders, compared with farm-old", or "". */
  String subtitle() {
    String compared = before == null ? "" : "compared with " + before;
    return nix.isEmpty() || compared.isEmpty() ? nix + compared : nix + ", " + compared;
  }

  boolean anyNotes() {
    return !notes.isEmpty();
  }

  List<Cell> cells() {
    return rows.stream().flatMap(r -> r.cells().stream()).toList();
  }

  /** The moved cells, row by row: what a reviewer of the change reads first. */
  List<Cell> moved() {
    return cells().stream().filter(Cell::moved).toList();
  }

  /** The cells either map could not answer, so whether they moved is unknown. */
  List<Cell> unanswered() {
    return cells().stream().filter(Cell::unanswered).toList();
  }

  int movedCount() {
    return moved().size();
  }

  int unansweredCount() {
    return unanswered().size();
  }

  boolean anyMoved() {
    return !moved().isEmpty();
  }

  boolean anyUnanswered() {
    return !unanswered().isEmpty();
  }

  /** The symbols the grid uses, and what each means. */
  List<Legend> legend() {
    Set<String> kinds = new TreeSet<>();
    cells().forEach(c -> kinds.add(c.unanswered() ? HARNESS_ERROR : c.kind()));
    return LEGEND.stream().filter(l -> kinds.contains(l.kind())).toList();
  }

  /** "↗ went to that builder · ✗ the build fails, and why". */
  String legendLine() {
    return String.join(" · ", legend().stream().map(l -> l.symbol() + " " + l.meaning()).toList());
  }

  int cellCount() {
    return (int) cells().stream().filter(c -> c.now() != null || c.was() != null).count();
  }
}
