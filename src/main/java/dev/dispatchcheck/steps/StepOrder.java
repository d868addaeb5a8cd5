package dev.dispatchcheck.steps;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Steps that speak of what an earlier step of their scenario did. Without that step they
 * could only end their scenario with a harness error, so the expectations' check (in
 * {@code suite}) makes them invalid input instead, found before any host starts.
 */
public final class StepOrder {
  private StepOrder() {}

  /** The step that hands a farm over as the pool does between scenarios. */
  public static final String HAND_OVER = "the farm is handed over for the next scenario";

  /**
   * A verdict phrase as its own step, or inside its self-check (the words {@link VerdictSteps}
   * declares, with a message quoted as Cucumber's {@code {string}} takes it).
   */
  private static Pattern verdictStep(String phrase) {
    return Pattern.compile("(?:" + Pattern.quote(Vocabulary.SELF_CHECK_BEFORE) + ")?(?:" + phrase + ")(?:"
        + Pattern.quote(Vocabulary.SELF_CHECK_AFTER) + "(?:\"[^\"]*\"|'[^']*'))?");
  }

  /** Each step, as its whole text, with the step's text that must come before it. */
  private static final Map<Pattern, String> NEEDS_EARLIER = Map.of(verdictStep(Vocabulary.REPLACED_ALONE), HAND_OVER);

  /** The step {@code stepText} needs earlier in its scenario, if any. */
  public static Optional<String> neededBefore(String stepText) {
    return NEEDS_EARLIER.entrySet().stream().filter(e -> e.getKey().matcher(stepText).matches())
        .map(Map.Entry::getValue).findFirst();
  }
}
