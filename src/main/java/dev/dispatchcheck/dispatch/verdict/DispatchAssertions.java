package dev.dispatchcheck.dispatch.verdict;

import dev.dispatchcheck.dispatch.evidence.DispatchRecord;

/** The one entry point for dispatch verdicts: {@code assertThat(record).as("the agent's build").wentTo(b)}. */
public final class DispatchAssertions {
  private DispatchAssertions() {}

  public static DispatchRecordAssert assertThat(DispatchRecord actual) {
    return new DispatchRecordAssert(actual);
  }
}
