package dev.dispatchcheck.dispatch.config;

import java.util.List;
import java.util.Optional;

/** Routes as root's ssh takes them with one ~/.ssh/config of a test's text. */
public final class Routes {
  private Routes() {}

  public static SshRoute of(String config, String name, Optional<String> user) {
    List<SshOptions.ConfigFile> files = List.of(new SshOptions.ConfigFile("/root/.ssh/config", SshConfig.parse(config)));
    return SshRoute.of((d, u, p) -> SshOptions.read(files, (a, f) -> List.of(), d, u, p), name, user);
  }
}
