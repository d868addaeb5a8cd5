package dev.dispatchcheck.dispatch.layout;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the harness may make a throwaway of a file that a real host has and a farm never
 * holds (a signing key, an SSH key, an included secret): the harness writes it as root, on
 * a stand-in host, only when no file is there, and the path comes from the farm. So it must
 * be an absolute path of plain characters without {@code ..}, in a directory where hosts
 * keep such files, and name no file that a program reads as something else (a key written
 * as {@code /root/.config/nix/nix.conf} would break root's Nix; an empty file in
 * {@code /etc/sudoers.d/} or {@code /etc/nologin} would change what the hosts do).
 */
public final class SecretPaths {
  /** Where secret managers put secrets at run time (sops-nix, agenix, NixOps, systemd credentials): never in a repository. */
  static final List<String> SECRET_DIRECTORIES = List.of("/run/secrets/", "/run/agenix/", "/run/keys/", "/run/credentials/");
  /**
   * Where a throwaway may be made: those, and where hosts keep keys (Nix's directory, root's
   * and the agent's homes). A stand-in is put back as it was between scenarios only there
   * (containers/nix-host/nix-host-warm): a file made elsewhere would cost the host.
   */
  static final List<String> THROWAWAY_DIRECTORIES = List.of("/etc/nix/", "/root/", "/var/lib/hercules-ci-agent/",
      "/run/secrets/", "/run/agenix/", "/run/keys/", "/run/credentials/");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/+-]*");
  /** File names that Nix, ssh or the harness read as configuration wherever they are. */
  private static final List<String> READ_AS_CONFIGURATION = List.of("nix.conf", "machines", "registry.json", "netrc",
      "config", "authorized_keys", "authorized_keys2", "known_hosts", "known_hosts2", "environment", "rc");
  /** Directories whose files the users' Nix or the harness reads. */
  private static final List<String> NOT_THERE = List.of("/root/.config/", "/var/lib/hercules-ci-agent/.config/",
      "/var/lib/hercules-ci-agent/work/", "/var/lib/dispatchcheck");

  private SecretPaths() {}

  /** Whether {@code path} (absolute, normalised) is where a secret manager puts secrets at run time. */
  static boolean secretDirectory(String path) {
    return SECRET_DIRECTORIES.stream().anyMatch(path::startsWith);
  }

  /**
   * Why the harness may not make a throwaway at {@code path}, or at {@code path.pub} too when
   * {@code withPub} (ssh-keygen writes both); empty when it may. {@code what} names the value.
   */
  static Optional<String> problem(String path, boolean withPub, String what) {
    if (!path.startsWith("/")) {
      return Optional.of(what + " is a relative path: Nix and ssh resolve it against the working directory of whatever"
          + " runs them, not a home; give an absolute path");
    }
    if (!PATH.matcher(path).matches() || List.of(path.split("/")).contains("..")) {
      return Optional.of(what + " is not an absolute path of letters, digits and . _ / + - without '..'");
    }
    if (THROWAWAY_DIRECTORIES.stream().noneMatch(path::startsWith)) {
      return Optional.of(what + " lies outside the directories where dispatchcheck makes a throwaway of a file the farm"
          + " cannot hold (" + String.join(", ", THROWAWAY_DIRECTORIES) + "): it makes one at that path on a stand-in,"
          + " as root, and puts a stand-in back as it was between scenarios only there");
    }
    for (String p : withPub ? List.of(path, path + ".pub") : List.of(path)) {
      String name = p.substring(p.lastIndexOf('/') + 1);
      if (READ_AS_CONFIGURATION.contains(name) || NOT_THERE.stream().anyMatch(p::startsWith)) {
        return Optional.of(what + " names a file that Nix, ssh or dispatchcheck reads as something else (" + p
            + "): dispatchcheck makes a throwaway at that path on a stand-in, as root, which would be read as that");
      }
    }
    return Optional.empty();
  }
}
