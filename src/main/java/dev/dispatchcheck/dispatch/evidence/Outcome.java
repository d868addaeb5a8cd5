package dev.dispatchcheck.dispatch.evidence;

public enum Outcome {
  RUNNING,
  SUCCEEDED,
  FAILED
}
