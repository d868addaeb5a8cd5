package dev.dispatchcheck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reports/junit.xml}: the test cases of the reports the compatibility page shows (each
 * pair's latest complete run, or its shards; see {@link ShownReports}) under one
 * {@code <testsuites>}, each suite named by its pair (and shard) directory, so that CI
 * shows one result for a run split over machines.
 */
public final class JUnitMerge {
  private static final Pattern SUITE = Pattern.compile("<testsuite\\b([^>]*)>(.*?)</testsuite>", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("\\bname=\"[^\"]*\"");

  private JUnitMerge() {}

  /** Writes the merged file; returns how many test cases failed or broke. */
  public static int write(Path reports) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    int failed = 0;
    try {
      for (ShownReports.Shown shown : ShownReports.read(reports).values()) {
        for (ShownReports.Report report : shown.reports()) {
          Path d = reports.resolve(report.dir());
          if (!Files.isRegularFile(d.resolve("cucumber.xml"))) continue;
          Matcher m = SUITE.matcher(Files.readString(d.resolve("cucumber.xml")));
          while (m.find()) {
            String attrs = NAME.matcher(m.group(1)).replaceFirst("name=\"" + d.getFileName() + "\"");
            out.append("<testsuite").append(attrs).append(">").append(m.group(2)).append("</testsuite>\n");
            failed += count(m.group(2), "<failure") + count(m.group(2), "<error");
          }
        }
      }
      Files.writeString(reports.resolve("junit.xml"), out.append("</testsuites>\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return failed;
  }

  private static int count(String text, String tag) {
    return (int) List.of(text.split(Pattern.quote(tag), -1)).stream().count() - 1;
  }
}
