package dev.dispatchcheck.dispatch.evidence;

/** Where a build ran, as far as the evidence says. */
public enum Placement {
  /** On a remote builder over SSH. */
  REMOTE,
  /** On the agent host itself. */
  LOCAL,
  /** Nowhere: it failed before building, or its output was already valid. */
  NOWHERE
}
