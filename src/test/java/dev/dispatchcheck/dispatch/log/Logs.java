package dev.dispatchcheck.dispatch.log;

import dev.dispatchcheck.dispatch.evidence.DispatchLogParser;
import dev.dispatchcheck.dispatch.evidence.DispatchRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** Reading a log as Nix 2.8 (the version of most hand-written test logs) prints it. */
public final class Logs {
  public static final MessageCatalogue V2_8 = MessageCatalogue.of("2.8");

  private Logs() {}

  /** A real log captured from Nix 2.8 (Debian bookworm's nix-bin) in the harness's containers. */
  public static String fixture(String name) {
    return fixture("2.8", name);
  }

  /** A real log captured from Nix {@code version}, under src/test/resources/nix-VERSION/. */
  public static String fixture(String version, String name) {
    try (var in = Logs.class.getResourceAsStream("/nix-" + version + "/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
