package dev.dispatchcheck.dispatch.layout;

/** ERROR: Nix rejects the input or silently loses builders. WARNING: it works, but not as written or not on every version. */
public enum Severity {
  ERROR,
  WARNING
}
