package dev.dispatchcheck.build;

public enum Outcome {
  RUNNING,
  SUCCEEDED,
  FAILED
}
