package dev.dispatchcheck.dispatch.evidence;

/** One observation behind a verdict: where it came from and what it showed. */
public record Evidence(Source source, String statement) {

  public enum Source {
    /** The nix-build log on the client, read as text. */
    CLIENT_LOG,
    /** The same log's internal-json build activities. */
    CLIENT_JSON,
    /** Another host's Nix store, asked whether it holds the output. */
    HOST_STORE,
    /** A host's probe journal: the probe notes each run on the host that runs it. */
    PROBE_JOURNAL,
    /** Root's ssh_config on the client, as ssh -G there reads it: the host a builder's name is, and the jump hosts. */
    SSH_CONFIG,
    /** A jump host's sshd log: whether it let root's ssh in. */
    JUMP_HOST_LOG,
    /** The builder's passwd: the login shell of the SSH user Nix logged in as. */
    BUILDER_ACCOUNT
  }

  @Override
  public String toString() {
    return source.name().toLowerCase().replace('_', ' ') + ": " + statement;
  }
}
