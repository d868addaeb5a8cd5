package dev.dispatchcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** --tags takes Cucumber's tag expressions and JUnit's, and a leading @ never selects nothing silently. */
class TagExpressionTest {

  @Test
  void cucumbersFormBecomesJUnits() {
    assertThat(TagExpression.toJUnit("@faults")).isEqualTo("faults");
    assertThat(TagExpression.toJUnit("not @selfcheck")).isEqualTo("!selfcheck");
    assertThat(TagExpression.toJUnit("@ssh-ng and not @selfcheck")).isEqualTo("ssh-ng & !selfcheck");
    assertThat(TagExpression.toJUnit("(@a or @b) and not @c")).isEqualTo("(a | b) & !c");
    assertThat(TagExpression.toJUnit("not (@guide-defect or @version-differs)")).isEqualTo("!(guide-defect | version-differs)");
  }

  @Test
  void junitsFormStaysAsItIs() {
    assertThat(TagExpression.toJUnit("ssh-ng & !faults")).isEqualTo("ssh-ng & !faults");
    assertThat(TagExpression.toJUnit("(a|b)&!c")).isEqualTo("(a | b) & !c");
    assertThat(TagExpression.toJUnit("any()")).isEqualTo("any()");
    assertThat(TagExpression.toJUnit("!none()")).isEqualTo("!none()");
  }

  @Test
  void aMixOfBothFormsReadsAsOne() {
    assertThat(TagExpression.toJUnit("@ssh-ng & not selfcheck")).isEqualTo("ssh-ng & !selfcheck");
  }

  @Test
  void anExpressionThatParsesInNeitherFormIsInvalidInput() {
    assertThatThrownBy(() -> TagExpression.toJUnit("@a and")).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tags '@a and'").hasMessageContaining("@ssh-ng and not @selfcheck");
    assertThatThrownBy(() -> TagExpression.toJUnit("(@a or @b")).isExactlyInstanceOf(IllegalArgumentException.class);
  }
}
