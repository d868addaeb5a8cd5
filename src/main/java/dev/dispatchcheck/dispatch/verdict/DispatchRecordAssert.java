package dev.dispatchcheck.dispatch.verdict;


import dev.dispatchcheck.dispatch.evidence.CrossCheck;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.evidence.Outcome;
import dev.dispatchcheck.dispatch.evidence.Placement;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Verdicts about where a build went. Each failure message quotes the expectation, states
 * what was observed (naming the builder actually used) and lists the evidence. When the
 * client's log and the builders' stores tell different stories the verdict is a harness
 * error, never a pass.
 */
public final class DispatchRecordAssert extends AbstractAssert<DispatchRecordAssert, DispatchRecord> {
  private final String subject;

  private DispatchRecordAssert(DispatchRecord actual, String subject) {
    super(actual, DispatchRecordAssert.class);
    this.subject = subject;
  }

  /** @param subject the build in words, e.g. "the agent's aarch64-linux probe" */
  public static DispatchRecordAssert assertThat(DispatchRecord actual, String subject) {
    return new DispatchRecordAssert(actual, subject);
  }

  /** Dispatched to {@code builder} and built there, by the log and by the other hosts. */
  public DispatchRecordAssert wentTo(String builder) {
    return wentToOneOf(List.of(builder));
  }

  public DispatchRecordAssert wentToOneOf(Collection<String> builders) {
    isNotNull();
    String expected = builders.size() == 1
        ? builders.iterator().next() : "one of " + new TreeSet<>(builders);
    Optional<String> took = actual.builder();
    if (actual.placement() != Placement.REMOTE || took.isEmpty()
        || !builders.contains(took.get()) || actual.outcome() != Outcome.SUCCEEDED) {
      fail("expected " + subject + " to be dispatched to " + expected);
    }
    requireSourcesAgree();
    return this;
  }

  /** Failed for the given reason (and so was built nowhere). */
  public DispatchRecordAssert failedBecause(ErrorClass cause) {
    isNotNull();
    if (actual.outcome() != Outcome.FAILED || actual.error().orElse(null) != cause) {
      fail("expected " + subject + " to fail because " + cause.meaning());
    }
    requireSourcesAgree();
    return this;
  }

  /** Built on its client itself, with no dispatch. */
  public DispatchRecordAssert builtLocally() {
    isNotNull();
    if (actual.placement() != Placement.LOCAL || actual.outcome() != Outcome.SUCCEEDED) {
      fail("expected " + subject + " to be built locally, on the host it was started on");
    }
    requireSourcesAgree();
    return this;
  }

  public DispatchRecordAssert warned(String fragment) {
    isNotNull();
    if (actual.warnings().stream().noneMatch(w -> w.contains(fragment))) {
      fail("expected " + subject + " to print a warning containing '" + fragment + "'");
    }
    requireSourcesAgree();
    return this;
  }

  public DispatchRecordAssert printedNoWarning() {
    isNotNull();
    if (!actual.warnings().isEmpty()) {
      fail("expected " + subject + " to print no warning");
    }
    requireSourcesAgree();
    return this;
  }

  /**
   * Nothing was built, and nix-build still succeeded: the output was already in the
   * client's store, which is why the guide says to change {@code n}.
   */
  public DispatchRecordAssert wasAlreadyValid() {
    isNotNull();
    if (actual.placement() != Placement.NOWHERE || actual.outcome() != Outcome.SUCCEEDED
        || actual.outputPath().isEmpty()) {
      fail("expected " + subject + " to build nothing, its output being already valid");
    }
    requireSourcesAgree();
    return this;
  }

  /**
   * The sources must tell one story: the log's text and its internal-json activities, the
   * other hosts' stores, and the hosts' probe journals. A verdict never passes on a split.
   */
  private void requireSourcesAgree() {
    if (!actual.logReadingsAgree()) {
      harnessError("the log's text says it was " + actual.summary()
          + ", but its internal-json build activities say " + actual.activities());
    }
    CrossCheck c = actual.crossCheck();
    List<String> stores = c.hostsHoldingOutput();
    List<String> journals = c.hostsThatRanIt();
    switch (actual.placement()) {
      case REMOTE -> {
        String b = actual.builder().orElseThrow();
        if (c.outputOnHost().isEmpty()) {
          harnessError("no other host's store was checked, so the log's claim stands alone");
        }
        if (!stores.equals(List.of(b))) {
          harnessError("the client's log says " + b + " built it, but the output is in the store of "
              + (stores.isEmpty() ? "no other host" : String.join(" and ", stores)));
        }
        if (!journals.equals(List.of(b))) {
          harnessError("the client's log says " + b + " built it, but the probe journal of "
              + (journals.isEmpty() ? "no host" : String.join(" and ", journals)) + " records the run");
        }
      }
      case LOCAL -> {
        if (!stores.isEmpty()) {
          harnessError("the log says it was built locally, yet the stores of " + stores + " hold its output");
        }
        if (!c.ranOnHost().isEmpty() && !journals.equals(List.of(c.client()))) {
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

  private void fail(String expectation) {
    failWithMessage("%s,%nbut it was %s.%s%nEvidence:%n%s", expectation, actual.summary(),
        actual.likelyCause().map(c -> "\nLikely cause: " + c + ".").orElse(""), actual.evidenceText());
  }

  private void harnessError(String what) {
    failWithMessage("HARNESS ERROR for %s: the evidence sources disagree: %s.%nEvidence:%n%s",
        subject, what, actual.evidenceText());
  }
}
