package dev.dispatchcheck.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.launcher.TagFilter;

/**
 * {@code --tags}: Cucumber's tag expressions ({@code @ssh-ng and not @selfcheck},
 * {@code (@a or @b) and not @c}) or JUnit's ({@code ssh-ng & !selfcheck}), as the JUnit
 * tag filter reads them. The JUnit Platform names a scenario's tags without Cucumber's
 * {@code @}, so a tag written with it would match nothing: every {@code @} is dropped.
 */
public final class TagExpression {
  private static final Pattern TOKEN = Pattern.compile("any\\(\\)|none\\(\\)|[()&|!]|[^\\s()&|!]+");

  private TagExpression() {}

  /**
   * The expression in JUnit's form.
   *
   * @throws IllegalArgumentException naming the expression, when neither form parses (exit 2)
   */
  static String toJUnit(String expression) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(expression);
    while (m.find()) out.add(junitToken(m.group()));
    String junit = String.join(" ", out).replace("( ", "(").replace(" )", ")").replace("! ", "!");
    try {
      TagFilter.includeTags(junit);
    } catch (PreconditionViolationException e) {
      throw new IllegalArgumentException("--tags '" + expression + "' is not a tag expression (read as '" + junit
          + "'): write Cucumber's form, e.g. \"@ssh-ng and not @selfcheck\", or JUnit's, e.g. \"ssh-ng & !selfcheck\"", e);
    }
    return junit;
  }

  private static String junitToken(String token) {
    return switch (token) {
      case "and" -> "&";
      case "or" -> "|";
      case "not" -> "!";
      default -> token.startsWith("@") ? token.substring(1) : token;
    };
  }
}
