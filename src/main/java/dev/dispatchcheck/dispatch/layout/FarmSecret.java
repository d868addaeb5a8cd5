package dev.dispatchcheck.dispatch.layout;

/**
 * A file a real host has that a farm directory does not hold, because it is a secret: named
 * by a nix.conf setting, an include or an ssh_config IdentityFile. Where the host needs one,
 * the harness makes a throwaway of the right kind ({@link Kind#throwaway}), and the map's
 * notes say so.
 *
 * @param kind what the file is
 * @param host {@link HarnessHosts#AGENT}, or the builder's directory name in the farm
 * @param path where the host reads it, as the farm names it (an IdentityFile before its {@code ~} and {@code %} are expanded)
 * @param file the farm file that names it, as findings name it
 * @param line its line in {@code file}
 * @param setting the setting or keyword that names it, as written
 */
public record FarmSecret(Kind kind, String host, String path, String file, int line, String setting) {

  public enum Kind {
    /** secret-key-files: the daemon signs what it builds with it, and fails the build without it. */
    SIGNING_KEY(true),
    /** netrc-file: credentials for downloads; Nix goes without a missing one. */
    NETRC(false),
    /** {@code include} of a secret: Nix stops at a missing one, so an empty throwaway stands in. */
    INCLUDE(true),
    /** {@code !include} of a secret: Nix skips a missing one. */
    OPTIONAL_INCLUDE(false),
    /** An ssh_config IdentityFile of root's: a throwaway key is made where ssh would offer it to a stand-in. */
    SSH_IDENTITY(true);

    /** Whether the harness makes a throwaway of it. */
    public final boolean throwaway;

    Kind(boolean throwaway) {
      this.throwaway = throwaway;
    }
  }

  /** Whether it is on the agent host (else on a builder's stand-in). */
  public boolean onAgent() {
    return host.equals(HarnessHosts.AGENT);
  }

  /** Where the farm names it, and what it names: {@code agent/etc/nix/nix.conf:9: secret-key-files '/etc/nix/key'}. */
  public String where() {
    return file + ":" + line + ": " + setting + " '" + FarmCommand.shown(path) + "'";
  }

  /**
   * What the map's notes say of it. An IdentityFile that ssh offers to a stand-in is noted
   * where its key is made, with that stand-in; this says it was offered to none.
   */
  public String note() {
    return where() + switch (kind) {
      case SIGNING_KEY -> ": a throwaway signing key made by the harness (nix-store --generate-binary-cache-key): the real"
          + " one is a secret and not in the farm. The daemon signs what it builds with it; a signature decides nothing"
          + " of where a build goes";
      case NETRC -> ": not in the farm (it holds credentials), and no throwaway was made: Nix goes without a missing"
          + " netrc file, and the stand-ins have no binary cache to log in to";
      case INCLUDE -> ": an empty throwaway made by the harness: the real file is a secret and not in the farm, and Nix"
          + " stops at a missing include. The settings it holds on the real host are not in the stand-ins: were"
          + " builders among them, no cell shows them";
      case OPTIONAL_INCLUDE -> ": not in the farm (a secret), and Nix skips a missing !include, so the stand-ins read"
          + " none of the settings it holds on the real host: were builders among them, no cell shows them";
      case SSH_IDENTITY -> ": root's ssh offers it to no stand-in (ssh -G on the agent host), so no key was made for it";
    };
  }
}
