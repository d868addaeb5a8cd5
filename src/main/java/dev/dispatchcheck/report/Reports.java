package dev.dispatchcheck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;

/** The report directories are Java's: each run writes its own (see ReportRun), and Java touches them up after. */
public final class Reports {
  private Reports() {}

  /**
   * Opens, once each, the features (aria-expanded), the hooks that hold the evidence (the
   * "+" buttons) and the dispatch tables; build logs stay folded, they are long. Checked
   * in headless Chromium against a real report.
   */
  private static final String EXPAND = "<script>(function () { var seen = new WeakSet(), n = 0;"
      + " var t = setInterval(function () {"
      + " document.querySelectorAll('[aria-expanded=\"false\"], button').forEach(function (b) {"
      + " if (seen.has(b)) return;"
      + " if (b.getAttribute('aria-expanded') === 'false' || (b.tagName === 'BUTTON'"
      + " && b.querySelector('svg[data-icon=\"circle-plus\"]'))) { seen.add(b); b.click(); } });"
      + " document.querySelectorAll('details:not([open])').forEach(function (d) {"
      + " var s = d.querySelector('summary'); if (s && s.textContent.indexOf('Dispatch table') >= 0) d.open = true; });"
      + " if (++n > 20) clearInterval(t); }, 250); })();</script>";

  /**
   * Cucumber's page names features by the absolute path of the machine that ran them and
   * says nothing of the Nix pair: name them relative to the repository, and title the page.
   */
  public static void labelHtml(Path html, String title, Path projectDir, Path reportsRoot) {
    if (!Files.isRegularFile(html)) return;
    try {
      String text = Files.readString(html, StandardCharsets.UTF_8);
      String abs = projectDir.toUri().toString();
      text = text.replace(abs, "").replace(abs.replace("file:///", "file:/"), "")
          .replaceFirst("<title>[^<]*</title>", "<title>dispatchcheck: " + title + "</title>")
          // The pair, visible on the page itself, not only in the tab's title.
          .replaceFirst("<body>", "<body><div style=\"font:600 16px sans-serif;padding:10px 16px;background:#eef\">"
              + "dispatchcheck: " + title + " &middot; <a href=\"" + html.getParent().relativize(
                  reportsRoot.resolve("index.html")) + "\">all pairs</a></div>")
          // Cucumber's page folds every feature and scenario: open each once, so that what
          // the guide says and what went where show without a click per scenario.
          .replaceFirst("</body>", Matcher.quoteReplacement(EXPAND) + "</body>");
      Files.writeString(html, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A path as the user can follow it: relative to the current directory when inside it. */
  public static Path shown(Path path) {
    Path here = Path.of("").toAbsolutePath();
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(here) ? here.relativize(abs) : abs;
  }
}
