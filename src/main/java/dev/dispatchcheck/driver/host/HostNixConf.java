package dev.dispatchcheck.driver.host;

import dev.dispatchcheck.dispatch.config.NixConf;

/**
 * How a host's system nix.conf is composed: its role's settings, then what a scenario or
 * farm gives it, then the basics that must hold offline in an unprivileged container.
 */
final class HostNixConf {
  /** What every host's nix.conf needs to work in an unprivileged container offline. */
  static final NixConf BASICS = NixConf.parse(String.join("\n",
      "build-users-group = nixbld",
      "sandbox = false",
      "substituters =",
      ""));

  /** What this host's role needs in its nix.conf, kept under whatever a scenario writes. */
  private volatile String role = "";

  /**
   * This host's role, then {@code conf}, then the basics: later settings win, as Nix reads
   * them, so an operator's substituters or sandbox cannot undo what must hold offline in
   * a container.
   */
  String compose(NixConf conf) {
    return (role.isEmpty() ? "" : "# role (dispatchcheck)\n" + role)
        + "# configuration\n" + conf.render()
        + "# overridden by dispatchcheck: cannot work offline or in an unprivileged container\n" + BASICS.render();
  }

  void setRole(String text) {
    this.role = text;
  }

  /** A reset host has no role until it is given one again. */
  void clearRole() {
    this.role = "";
  }
}
