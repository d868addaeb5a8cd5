package dev.dispatchcheck.report;

import dev.dispatchcheck.dispatch.Printable;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages the command line writes, from Mustache templates in {@code src/main/resources/templates}
 * rendered with a view model: every value is escaped, for HTML (the library's escaper) or for
 * Markdown ({@link #markdown(String)}); the templates hold all the markup.
 */
public final class Templates {
  private static final MustacheFactory HTML = new DefaultMustacheFactory("templates");
  private static final MustacheFactory MARKDOWN = new DefaultMustacheFactory("templates") {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(markdown(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** Markdown's punctuation, and an underscore that is not inside a word (inside one it never emphasises). */
  private static final Pattern MARKDOWN_SPECIAL = Pattern.compile("[\\\\`*\\[\\]<>|~&]|(?<![\\p{Alnum}])_|_(?![\\p{Alnum}])");

  private Templates() {}

  /** {@code templates/NAME.html.mustache} with {@code scope}. */
  static String html(String name, Object scope) {
    return render(HTML, name + ".html.mustache", scope);
  }

  /** {@code templates/NAME.md.mustache} with {@code scope}. */
  static String markdown(String name, Object scope) {
    return render(MARKDOWN, name + ".md.mustache", scope);
  }

  /**
   * A value as literal text in Markdown (GitHub's, in a table cell too): its punctuation
   * backslash-escaped, {@code |} included, its line breaks made spaces, and made safe for a
   * CI log as every console line is ({@link Printable#forLog}): a job's summary is printed
   * to its log too.
   */
  static String markdown(String value) {
    String safe = Printable.forLog(value.replaceAll("\\R", " "));
    return MARKDOWN_SPECIAL.matcher(safe).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }

  private static String render(MustacheFactory factory, String template, Object scope) {
    StringWriter out = new StringWriter();
    factory.compile(template).execute(out, scope);
    return out.toString();
  }
}
