package dev.dispatchcheck.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dispatchcheck.assertions.DispatchRecordAssert;
import dev.dispatchcheck.build.DispatchRecord;
import dev.dispatchcheck.build.ErrorClass;
import io.cucumber.java.en.Then;

/**
 * The harness proving it can say "fail": the very assertions the conformance steps use,
 * run against a wrong expectation or a broken configuration, must fail, and their
 * message must name what really happened.
 */
public class SelfCheckSteps {
  private final World world;

  public SelfCheckSteps(World world) {
    this.world = world;
  }

  @Then("the verdict that {user}'s build went to {builder} is a failure naming {builder}")
  public void wrongBuilderFails(String user, String expected, String actual) {
    DispatchRecord record = world.lastRecordOf(user);
    AssertionError e = catchThrowableOfType(AssertionError.class,
        () -> DispatchRecordAssert.assertThat(record, user + "'s build").wentTo(expected));
    assertThat(e).as("verdict on a build that went to %s", actual).isNotNull()
        .hasMessageContaining("dispatched to " + actual);
  }

  @Then("the verdict that {user}'s build failed for want of a builder is a failure naming the builder it went to")
  public void notFailedFails(String user) {
    DispatchRecord record = world.lastRecordOf(user);
    AssertionError e = catchThrowableOfType(AssertionError.class,
        () -> DispatchRecordAssert.assertThat(record, user + "'s build").failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM));
    assertThat(e).as("verdict on a build that succeeded").isNotNull()
        .hasMessageContaining("dispatched to " + record.builder().orElseThrow());
  }
}
