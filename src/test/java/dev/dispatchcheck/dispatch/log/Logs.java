package dev.dispatchcheck.dispatch.log;

import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import java.util.Optional;

/** Reading a log as Nix 2.8 (the version of most hand-written test logs) prints it. */
public final class Logs {
  public static final MessageCatalogue V2_8 = MessageCatalogue.of("2.8");

  private Logs() {}

  public static DispatchRecord parse(String log, String stdout, Optional<Integer> exitCode) {
    return DispatchLogParser.parse(log, stdout, exitCode, V2_8);
  }

  public static DispatchRecord parseInternalJson(String raw, String stdout, Optional<Integer> exitCode) {
    return DispatchLogParser.parseInternalJson(raw, stdout, exitCode, V2_8);
  }

  public static boolean showsDispatchOrError(String log) {
    return DispatchLogParser.showsDispatchOrError(log, V2_8);
  }
}
