package dev.dispatchcheck.dispatch.evidence;

import dev.dispatchcheck.dispatch.log.ErrorClass;
import dev.dispatchcheck.dispatch.log.InternalJsonLog;
import dev.dispatchcheck.dispatch.log.MessageCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a nix-build log (Nix 2.8 .. 2.26 wording) into a {@link DispatchRecord}.
 * The log lines it relies on are the same on both versions:
 * {@code building '<drv>' on '<uri>'...} for a dispatch and {@code building '<drv>'...}
 * for a local build.
 */
public final class DispatchLogParser {
  private static final Pattern REMOTE =
      Pattern.compile("^building '(/nix/store/[^']+\\.drv)' on '([^']+)'");
  private static final Pattern LOCAL = Pattern.compile("^building '(/nix/store/[^']+\\.drv)'\\.\\.\\.");
  private static final Pattern PLANNED = Pattern.compile("^\\s+(/nix/store/[^\\s']+\\.drv)\\s*$");
  private static final Pattern ERROR_DRV = Pattern.compile("build '(/nix/store/[^']+\\.drv)'");
  private static final Pattern OUTPUT = Pattern.compile("^(/nix/store/[a-z0-9]{32}-[^\\s/]+)$");
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
  /** Error lines, and the "Reason:" lines newer Nix puts under them. */
  private static final Pattern ERROR_OR_REASON = Pattern.compile("^\\s*(?:error: |Reason: )");
  private static final Pattern WARNING = Pattern.compile("^warning: .*");

  private DispatchLogParser() {}

  /**
   * @param log the combined log (stderr and stdout as they came)
   * @param stdout stdout alone, where nix-build prints the output path
   * @param exitCode empty while the build runs
   */
  public static DispatchRecord parse(String log, String stdout, Optional<Integer> exitCode, MessageCatalogue catalogue) {
    List<String> lines = log.lines().map(l -> ANSI.matcher(l).replaceAll("")).toList();
    Optional<String> drv = Optional.empty();
    Optional<String> uri = Optional.empty();
    Placement placement = Placement.NOWHERE;
    List<String> warnings = new ArrayList<>();
    for (String line : lines) {
      Matcher m;
      if ((m = REMOTE.matcher(line)).find()) {
        drv = Optional.of(m.group(1));
        uri = Optional.of(m.group(2));
        placement = Placement.REMOTE;
      } else if ((m = LOCAL.matcher(line)).find()) {
        // After "building D on URI", a plain "building D" is the builder's daemon
        // reporting its own build over ssh-ng, not a second build on the client.
        if (placement == Placement.REMOTE && drv.equals(Optional.of(m.group(1)))) continue;
        drv = Optional.of(m.group(1));
        placement = Placement.LOCAL;
      } else if (drv.isEmpty() && (m = PLANNED.matcher(line)).find()) {
        drv = Optional.of(m.group(1));
      } else if (WARNING.matcher(line).matches()) {
        warnings.add(line);
      }
    }
    Optional<MessageCatalogue.Hit> hit = catalogue.classify(lines);
    Optional<ErrorClass> error = hit.map(MessageCatalogue.Hit::cause);
    // An error no wording recognises is kept, quoted, with no cause: never a default one.
    Optional<String> errorLine = hit.map(MessageCatalogue.Hit::line).or(() -> catalogue.unrecognisedError(lines));
    if (drv.isEmpty() && errorLine.isPresent()) {
      Matcher m = ERROR_DRV.matcher(errorLine.get());
      if (m.find()) drv = Optional.of(m.group(1));
    }
    Optional<String> output = stdout.lines().map(OUTPUT::matcher).filter(Matcher::matches)
        .map(m -> m.group(1)).reduce((a, b) -> b);
    Outcome outcome = exitCode.map(c -> c == 0 ? Outcome.SUCCEEDED : Outcome.FAILED)
        .orElse(Outcome.RUNNING);
    List<String> errors = lines.stream().filter(l -> ERROR_OR_REASON.matcher(l).find()).map(String::strip).toList();
    return new DispatchRecord(drv, uri, placement, outcome, error, errorLine, warnings, errors, output, List.of(),
        CrossCheck.NONE, Optional.empty());
  }

  /** Reads an internal-json log twice: its text rendering as above, and its build activities. */
  public static DispatchRecord parseInternalJson(String raw, String stdout, Optional<Integer> exitCode,
      MessageCatalogue catalogue) {
    return parse(InternalJsonLog.render(raw), stdout, exitCode, catalogue).withActivities(InternalJsonLog.activities(raw));
  }

  /** True once the log shows where the build went, or why it could not go anywhere. */
  public static boolean showsDispatchOrError(String log, MessageCatalogue catalogue) {
    DispatchRecord r = parse(log, "", Optional.empty(), catalogue);
    return r.placement() != Placement.NOWHERE || r.errorLine().isPresent();
  }
}
