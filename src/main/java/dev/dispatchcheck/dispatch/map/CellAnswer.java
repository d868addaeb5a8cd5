package dev.dispatchcheck.dispatch.map;

import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.evidence.Outcome;
import dev.dispatchcheck.dispatch.evidence.Placement;
import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.verdict.DispatchAssertions;

/**
 * What a dispatch map says of one cell (a user's build for a system and features). Two
 * maps are compared cell by cell with {@link #equals}; a {@link HarnessError} is no answer
 * at all, so it is never compared, and the check that met one cannot reach a verdict.
 */
public sealed interface CellAnswer {
  /** The words the map prints, and map.json keeps as {@code goesTo}, for people. */
  String text();

  /** The answer in a few words, for a cell of the map's grid; {@link #text()} says the rest. */
  default String brief() {
    return text();
  }

  /** The kind, for programs reading map.json: wentTo, builtLocally, nothingBuilt, failed, notStoodIn, harnessError. */
  String kind();

  /**
   * Dispatched to this builder (a host name, lowercased: Nix and DNS ignore case) and built
   * there; {@code named} says it as the client's log and root's ssh_config do, when they
   * name it otherwise ("arm1, that is aarch64-linux-1.example.com via bastion.example.com").
   */
  record WentTo(String host, String named) implements CellAnswer {
    public WentTo {
      host = host.toLowerCase();
      if (named.equalsIgnoreCase(host)) named = host;
    }

    public WentTo(String host) {
      this(host, host.toLowerCase());
    }

    @Override public String text() {
      return named;
    }

    @Override public String kind() {
      return "wentTo";
    }
  }

  /** Built on the agent host itself. */
  record BuiltLocally() implements CellAnswer {
    @Override public String text() {
      return "built locally";
    }

    @Override public String kind() {
      return "builtLocally";
    }
  }

  /** Nothing was built: the output was already valid (never so for a salted probe, unless something is amiss). */
  record NothingBuilt() implements CellAnswer {
    @Override public String text() {
      return "nothing built";
    }

    @Override public String kind() {
      return "nothingBuilt";
    }
  }

  /** The build failed; {@code cause} is the error's meaning, or that it was not recognised. */
  record Failed(String cause) implements CellAnswer {
    @Override public String text() {
      return "fails: " + cause;
    }

    /** The cause as a scenario words it ("the builder refused the SSH key"), when it is a known one; where, if said. */
    @Override public String brief() {
      String at = cause.matches(".* \\(at [^()]*\\)") ? cause.substring(cause.lastIndexOf(" (at ")) : "";
      return "fails: " + ErrorClass.byMeaning(cause.substring(0, cause.length() - at.length())).map(c -> c.phrase() + at)
          .orElse(cause);
    }

    @Override public String kind() {
      return "failed";
    }
  }

  /** Not probed: a builder line that could take it speaks {@code scheme}, which the harness does not simulate. */
  record NotStoodIn(String scheme) implements CellAnswer {
    @Override public String text() {
      return "not stood in: " + scheme + " builders are not simulated";
    }

    @Override public String brief() {
      return "not stood in (" + scheme + ")";
    }

    @Override public String kind() {
      return "notStoodIn";
    }
  }

  /** No answer: the evidence sources disagree, or the probe's run broke; {@code why} says which. */
  record HarnessError(String why) implements CellAnswer {
    @Override public String text() {
      return dev.dispatchcheck.dispatch.verdict.HarnessError.LABEL + ": " + why;
    }

    @Override public String brief() {
      return dev.dispatchcheck.dispatch.verdict.HarnessError.LABEL;
    }

    @Override public String kind() {
      return "harnessError";
    }
  }

  /** The answer a probe's record gives, once its sources are found to tell one story. */
  static CellAnswer of(DispatchRecord r) {
    try {
      DispatchAssertions.assertThat(r).hasConsistentEvidence();
    } catch (dev.dispatchcheck.dispatch.verdict.HarnessError e) {
      return of(e);
    }
    if (r.outcome() == Outcome.FAILED) {
      String builtWhere = r.placement() == Placement.REMOTE ? "on " + r.builder().orElse("?") : "locally";
      // A jump host that refused root's ssh is named: the failure is there, not at a builder.
      String at = r.crossCheck().jumpRefusals().isEmpty() ? ""
          : " (at " + String.join(", ", new java.util.TreeSet<>(r.crossCheck().jumpRefusals().keySet())) + ")";
      return new Failed(r.error().map(e -> e.meaning(r.errorLine().orElse(""), builtWhere) + at)
          .orElse("unrecognised error (see its log)"));
    }
    if (r.placement() == Placement.REMOTE) return new WentTo(r.builderHost().orElse("?"), r.builderNamed());
    return r.placement() == Placement.LOCAL ? new BuiltLocally() : new NothingBuilt();
  }

  /** A harness error's first line, without its label (the answer's text adds it) or the evidence after it. */
  static CellAnswer of(dev.dispatchcheck.dispatch.verdict.HarnessError e) {
    String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    String label = dev.dispatchcheck.dispatch.verdict.HarnessError.LABEL + ": ";
    return new HarnessError(first.startsWith(label) ? first.substring(label.length()) : first);
  }
}
