package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.layout.FarmCommand;

/**
 * The no-ops a farm's neutralised hooks point at ({@link FarmCommand#RECORDER_DIR}), one a
 * hook, each noting the call in {@link FarmCommand#RECORDER_LOG} and exiting 0, so that
 * Nix goes on as if the farm had no hook, and the report can say it was called. They are
 * put on every host before its pristine state is recorded, outside every path a farm may
 * write, and hold nothing of any farm.
 */
final class HookRecorders {
  /** What Nix runs: it prints nothing (a pre-build hook's output would be read as settings) and succeeds. */
  static final String RECORDER = String.join("\n",
      "#!/bin/sh",
      "# A hook of the farm's, neutralised by dispatchcheck: it notes the call, does nothing else, and succeeds.",
      "echo \"${0##*/} called by uid $(id -u) for ${DRV_PATH:-$1}\" 2>/dev/null >> " + FarmCommand.RECORDER_LOG,
      "exit 0",
      "");

  private HookRecorders() {}

  /** The log is anyone's to append to: the agent's own Nix (nixSettings) calls them as the agent. */
  static String script() {
    StringBuilder script = new StringBuilder("set -e\nmkdir -p " + Shell.quote(FarmCommand.RECORDER_DIR) + "\n");
    for (FarmCommand.Kind kind : FarmCommand.Kind.values()) {
      if (kind.deployed != FarmCommand.Deployed.RECORDED) continue;
      String file = Shell.quote(FarmCommand.recorder(kind));
      script.append("printf '%s' ").append(Shell.quote(RECORDER)).append(" > ").append(file)
          .append("; chmod 755 ").append(file).append('\n');
    }
    String log = Shell.quote(FarmCommand.RECORDER_LOG);
    return script.append(": > ").append(log).append("; chmod 666 ").append(log).append('\n').toString();
  }
}
