package dev.dispatchcheck.assertions;

import dev.dispatchcheck.build.DispatchRecord;
import dev.dispatchcheck.build.ErrorClass;
import dev.dispatchcheck.build.Outcome;
import dev.dispatchcheck.build.Placement;
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

  /** Dispatched to {@code builder} and built there, by the log and by the stores. */
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
    requireStoresAgreeWith(took.get());
    return this;
  }

  /** Failed for the given reason (and so was built nowhere). */
  public DispatchRecordAssert failedBecause(ErrorClass cause) {
    isNotNull();
    if (actual.outcome() != Outcome.FAILED || actual.error().orElse(null) != cause) {
      fail("expected " + subject + " to fail because " + cause.meaning());
    }
    if (!actual.buildersHoldingOutput().isEmpty()) {
      harnessError("the build failed, yet these builders hold its output: "
          + actual.buildersHoldingOutput());
    }
    return this;
  }

  /** Built on the agent host itself, with no dispatch. */
  public DispatchRecordAssert builtLocally() {
    isNotNull();
    if (actual.placement() != Placement.LOCAL || actual.outcome() != Outcome.SUCCEEDED) {
      fail("expected " + subject + " to be built locally on the agent host");
    }
    if (!actual.buildersHoldingOutput().isEmpty()) {
      harnessError("the log says it was built locally, yet these builders hold its output: "
          + actual.buildersHoldingOutput());
    }
    return this;
  }

  public DispatchRecordAssert warned(String fragment) {
    isNotNull();
    if (actual.warnings().stream().noneMatch(w -> w.contains(fragment))) {
      fail("expected " + subject + " to print a warning containing '" + fragment + "'");
    }
    return this;
  }

  public DispatchRecordAssert printedNoWarning() {
    isNotNull();
    if (!actual.warnings().isEmpty()) {
      fail("expected " + subject + " to print no warning");
    }
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
    return this;
  }

  private void requireStoresAgreeWith(String builder) {
    List<String> holders = actual.buildersHoldingOutput();
    if (actual.outputOnBuilder().isEmpty()) {
      harnessError("no builder's store was checked, so the log's claim stands alone");
    }
    if (!holders.equals(List.of(builder))) {
      harnessError("the client's log says " + builder + " built it, but the output is in the store of "
          + (holders.isEmpty() ? "no builder" : String.join(" and ", holders)));
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
