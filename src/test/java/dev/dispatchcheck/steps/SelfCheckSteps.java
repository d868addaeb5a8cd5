package dev.dispatchcheck.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dispatchcheck.dispatch.log.ErrorClass;
import io.cucumber.java.en.Then;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The harness proving it can say "fail": the very verdicts the conformance steps use, run
 * against a wrong expectation or a broken configuration, must fail, and their message
 * must say what really happened.
 */
public class SelfCheckSteps {
  private final World world;
  private final Verdicts verdicts;

  public SelfCheckSteps(World world, Verdicts verdicts) {
    this.world = world;
    this.verdicts = verdicts;
  }

  private static void mustFail(String verdict, ThrowingCallable check, String saying) {
    AssertionError e = catchThrowableOfType(AssertionError.class, check);
    assertThat(e).as("the verdict that %s should have failed, but it passed", verdict).isNotNull();
    assertThat(e.getMessage()).as("message of the failed verdict that %s", verdict).contains(saying);
  }

  @Then("the verdict that {user}'s build went to {builder} is a failure saying {string}")
  public void wentTo(String user, String builder, String saying) {
    mustFail(user + "'s build went to " + builder, () -> verdicts.wentTo(user, builder), saying);
  }

  @Then("the verdict that the build on {host} went to {builder} is a failure saying {string}")
  public void buildOnHostWentTo(String host, String builder, String saying) {
    mustFail("the build on " + host + " went to " + builder, () -> verdicts.buildOnHostWentTo(host, builder), saying);
  }

  @Then("the verdict that every build of {user} went to {builder} is a failure saying {string}")
  public void everyWentTo(String user, String builder, String saying) {
    mustFail("every build of " + user + " went to " + builder, () -> verdicts.everyWentTo(user, builder), saying);
  }

  @Then("the verdict that {user}'s build went to a builder of the system machines file is a failure saying {string}")
  public void wentToSystemBuilder(String user, String saying) {
    mustFail(user + "'s build went to a system builder", () -> verdicts.wentToSystemBuilder(user), saying);
  }

  @Then("the verdict that {user}'s build failed because {failure} is a failure saying {string}")
  public void failedBecause(String user, ErrorClass cause, String saying) {
    mustFail(user + "'s build failed because " + cause.meaning(), () -> verdicts.failedBecause(user, cause), saying);
  }

  @Then("the verdict that {user}'s build ran on the agent host itself is a failure saying {string}")
  public void builtLocally(String user, String saying) {
    mustFail(user + "'s build ran locally", () -> verdicts.builtLocally(user), saying);
  }

  @Then("the verdict that {user}'s build warned {string} is a failure saying {string}")
  public void warned(String user, String fragment, String saying) {
    mustFail(user + "'s build warned '" + fragment + "'", () -> verdicts.warned(user, fragment), saying);
  }

  @Then("the verdict that {user}'s build printed no warning is a failure saying {string}")
  public void noWarning(String user, String saying) {
    mustFail(user + "'s build printed no warning", () -> verdicts.noWarning(user), saying);
  }

  @Then("the verdict that {user}'s last build built nothing is a failure saying {string}")
  public void alreadyValid(String user, String saying) {
    mustFail(user + "'s last build built nothing", () -> verdicts.alreadyValid(user), saying);
  }

  @Then("the verdict that the builds of {user} went to {builder} and {builder}, one each, is a failure saying {string}")
  public void spreadOver(String user, String first, String second, String saying) {
    mustFail("the builds of " + user + " spread", () -> verdicts.spreadOver(user, first, second), saying);
  }

  @Then("the verdict that the file {string} on {host} is empty is a failure saying {string}")
  public void fileIsEmpty(String path, String host, String saying) {
    mustFail(path + " on " + host + " is empty", () -> verdicts.fileIsEmpty(host, path), saying);
  }

  @Then("the verdict that the file {string} on {host} names {builder} only is a failure saying {string}")
  public void fileNamesOnly(String path, String host, String builder, String saying) {
    mustFail(path + " on " + host + " names " + builder + " only", () -> verdicts.fileNamesOnly(host, path, builder), saying);
  }

  /** The rows of the other Nix versions, applied to this one, must each fail. */
  @Then("the verdict that {user}'s build printed what other Nix versions print is a failure saying {string}:")
  public void warnedPerOtherVersion(String user, String saying, List<Map<String, String>> rows) {
    String mine = world.farm().agent().host().version().label();
    Verdicts.byVersion(rows).forEach((version, warning) -> {
      if (!version.equals(mine)) {
        mustFail(user + "'s build printed what Nix " + version + " prints",
            () -> verdicts.warnedPerVersion(user, Map.of(mine, warning)), saying);
      }
    });
  }
}
