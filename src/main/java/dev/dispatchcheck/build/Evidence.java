package dev.dispatchcheck.build;

/** One observation behind a verdict: where it came from and what it showed. */
public record Evidence(Source source, String statement) {

  public enum Source {
    /** The nix-build log on the client (the agent host). */
    CLIENT_LOG,
    /** A builder's Nix store, asked whether it holds the output. */
    BUILDER_STORE
  }

  @Override
  public String toString() {
    return source.name().toLowerCase().replace('_', ' ') + ": " + statement;
  }
}
