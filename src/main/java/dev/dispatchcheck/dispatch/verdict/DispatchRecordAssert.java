package dev.dispatchcheck.dispatch.verdict;

import dev.dispatchcheck.dispatch.evidence.CrossCheck;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.evidence.Outcome;
import dev.dispatchcheck.dispatch.evidence.Placement;
import dev.dispatchcheck.dispatch.log.ErrorClass;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Verdicts about where a build went; {@code as()} names the build in words. Every verdict
 * first requires the evidence sources to tell one story (the log's text, its internal-json
 * activities, the other hosts' stores, the probe journals): a split is a
 * {@link HarnessError}, whatever the expectation. Only then is the expectation judged, and
 * a contradiction is a {@link VerdictFailure} that names the builder actually used.
 */
public final class DispatchRecordAssert extends AbstractAssert<DispatchRecordAssert, DispatchRecord> {

  DispatchRecordAssert(DispatchRecord actual) {
    super(actual, DispatchRecordAssert.class);
  }

  private String subject() {
    String d = descriptionText();
    return d == null || d.isEmpty() ? "the build" : d;
  }

  /** Only that the sources tell one story: what a dispatch map needs before it reports a cell. */
  public DispatchRecordAssert hasConsistentEvidence() {
    requireConsistentEvidence();
    return this;
  }

  /** Dispatched to {@code builder} and built there, by the log and by the other hosts. */
  public DispatchRecordAssert wentTo(String builder) {
    return wentToOneOf(List.of(builder));
  }

  /** Builder names compare as host names do: case does not matter. */
  public DispatchRecordAssert wentToOneOf(Collection<String> builders) {
    requireConsistentEvidence();
    String expected = builders.size() == 1 ? builders.iterator().next() : "one of " + new TreeSet<>(builders);
    boolean named = builders.stream().anyMatch(actual::builtBy);
    if (actual.placement() != Placement.REMOTE || !named || actual.outcome() != Outcome.SUCCEEDED) {
      fail("expected " + subject() + " to be dispatched to " + expected);
    }
    return this;
  }

  /** Failed for the given reason (and so was built nowhere). */
  public DispatchRecordAssert failedBecause(ErrorClass cause) {
    requireConsistentEvidence();
    if (actual.outcome() != Outcome.FAILED || actual.error().orElse(null) != cause) {
      fail("expected " + subject() + " to fail because " + cause.meaning());
    }
    return this;
  }

  /** Failed, and one of its error lines (or newer Nix's "Reason:" lines) says {@code fragment}. */
  public DispatchRecordAssert failedSaying(String fragment) {
    requireConsistentEvidence();
    if (actual.outcome() != Outcome.FAILED || actual.errors().stream().noneMatch(l -> l.contains(fragment))) {
      fail("expected " + subject() + " to fail saying '" + fragment + "'");
    }
    return this;
  }

  /** Built on its client itself, with no dispatch. */
  public DispatchRecordAssert builtLocally() {
    requireConsistentEvidence();
    if (actual.placement() != Placement.LOCAL || actual.outcome() != Outcome.SUCCEEDED) {
      fail("expected " + subject() + " to be built locally, on the host it was started on");
    }
    return this;
  }

  public DispatchRecordAssert warned(String fragment) {
    requireConsistentEvidence();
    if (actual.warnings().stream().noneMatch(w -> w.contains(fragment))) {
      fail("expected " + subject() + " to print a warning containing '" + fragment + "'");
    }
    return this;
  }

  public DispatchRecordAssert printedNoWarning() {
    requireConsistentEvidence();
    if (!actual.warnings().isEmpty()) {
      fail("expected " + subject() + " to print no warning");
    }
    return this;
  }

  /**
   * Nothing was built, and nix-build still succeeded: the output was already in the
   * client's store, which is why the guide says to change {@code n}.
   */
  public DispatchRecordAssert wasAlreadyValid() {
    requireConsistentEvidence();
    if (actual.placement() != Placement.NOWHERE || actual.outcome() != Outcome.SUCCEEDED
        || actual.outputPath().isEmpty()) {
      fail("expected " + subject() + " to build nothing, its output being already valid");
    }
    return this;
  }

  /** The sources must tell one story before any expectation is judged. */
  private void requireConsistentEvidence() {
    isNotNull();
    if (actual.outcome() == Outcome.RUNNING) {
      harnessError("it is still running, so there is nothing to judge yet");
    }
    if (!actual.logReadingsAgree()) {
      harnessError("the log's text says it was " + actual.summary()
          + ", but its internal-json build activities say " + actual.ownActivities());
    }
    CrossCheck c = actual.crossCheck();
    List<String> stores = c.hostsHoldingOutput();
    List<String> journals = c.hostsThatRanIt();
    switch (actual.placement()) {
      case REMOTE -> {
        // The host ssh reached, which holds the output: an alias in the log names it by another name.
        String b = actual.builderHost().orElseThrow();
        String named = actual.builderNamed();
        if (c.outputOnHost().isEmpty()) {
          harnessError("no other host's store was checked, so the log's claim stands alone");
        }
        if (actual.outcome() == Outcome.FAILED && actual.error().orElse(null) != ErrorClass.POST_BUILD_HOOK_FAILED) {
          // Dispatched, then refused or broken there: no store may hold the output, and no
          // host but that builder may have run the probe. (A post-build hook fails after the
          // build: that evidence is a built one's, below.)
          if (!journals.isEmpty() && !sameHosts(journals, b)) {
            harnessError("the build failed on " + named + ", yet the probe journal of " + String.join(" and ", journals)
                + " records a run");
          }
          if (!stores.isEmpty()) {
            harnessError("the build failed on " + named + ", yet the output is in the store of " + String.join(" and ", stores));
          }
          return;
        }
        if (!sameHosts(stores, b)) {
          harnessError("the client's log says " + named + " built it, but the output is in the store of "
              + (stores.isEmpty() ? "no other host" : String.join(" and ", stores)));
        }
        // No journal asked (a live farm's probe notes none) leaves the log and the stores; any journal asked must agree.
        if (!c.ranOnHost().isEmpty() && !sameHosts(journals, b)) {
          harnessError("the client's log says " + named + " built it, but the probe journal of "
              + (journals.isEmpty() ? "no host" : String.join(" and ", journals)) + " records the run");
        }
      }
      case LOCAL -> {
        if (!stores.isEmpty()) {
          harnessError("the log says it was built locally, yet the stores of " + stores + " hold its output");
        }
        if (!c.ranOnHost().isEmpty() && !sameHosts(journals, c.client())) {
          harnessError("the log says it was built locally on " + c.client() + ", but the probe journal of "
              + (journals.isEmpty() ? "no host" : String.join(" and ", journals)) + " records the run");
        }
      }
      case NOWHERE -> {
        // An output already valid was built earlier; only a failed build must have left nothing.
        if (actual.outcome() == Outcome.FAILED && !(stores.isEmpty() && journals.isEmpty())) {
          harnessError("the build failed, yet the output is in the store of " + stores
              + " and the probe journal of " + journals + " records a run");
        }
      }
    }
  }

  private static boolean sameHosts(List<String> hosts, String host) {
    return hosts.size() == 1 && hosts.get(0).equalsIgnoreCase(host);
  }

  private void fail(String expectation) {
    throw new VerdictFailure(String.format("%s,%nbut it was %s.%s%nEvidence:%n%s", expectation, actual.summary(),
        actual.likelyCause().map(c -> "\nLikely cause: " + c + ".").orElse(""), actual.evidenceText()));
  }

  private void harnessError(String what) {
    throw new HarnessError(String.format("no verdict on %s: the evidence sources disagree: %s.%nEvidence:%n%s",
        subject(), what, actual.evidenceText()));
  }
}
