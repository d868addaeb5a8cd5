package dev.dispatchcheck.dispatch.layout;

import java.util.List;

/** A user on the agent host whose builds the harness probes; their homes are as on the harness's agent host. */
public record FarmUser(String name, String home) {

  public static final FarmUser AGENT = new FarmUser("hercules-ci-agent", "/var/lib/hercules-ci-agent");
  /** An ordinary user: shows what a user without trust or a dotfile of their own gets. */
  public static final FarmUser ORDINARY = new FarmUser("alice", "/home/alice");
  public static final FarmUser ROOT = new FarmUser("root", "/root");

  public static final List<FarmUser> ALL = List.of(AGENT, ORDINARY, ROOT);

  /** The user's own nix.conf, which Nix reads after the system's. */
  public String dotfile() {
    return home + "/.config/nix/nix.conf";
  }
}
