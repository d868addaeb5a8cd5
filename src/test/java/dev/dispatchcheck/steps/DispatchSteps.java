package dev.dispatchcheck.steps;

import dev.dispatchcheck.dispatch.log.ErrorClass;
import io.cucumber.java.en.Then;
import java.util.List;
import java.util.Map;

/** Expectations: which builder (or none) took each build, and what Nix said. */
public class DispatchSteps {
  private final Verdicts verdicts;

  public DispatchSteps(Verdicts verdicts) {
    this.verdicts = verdicts;
  }

  @Then("{user}'s build went to {builder}")
  public void wentTo(String user, String builder) {
    verdicts.wentTo(user, builder);
  }

  @Then("the build on {host} went to {builder}")
  public void buildOnHostWentTo(String host, String builder) {
    verdicts.buildOnHostWentTo(host, builder);
  }

  @Then("every build of {user} went to {builder}")
  public void everyWentTo(String user, String builder) {
    verdicts.everyWentTo(user, builder);
  }

  @Then("{user}'s build went to a builder of the system machines file")
  public void wentToSystemBuilder(String user) {
    verdicts.wentToSystemBuilder(user);
  }

  @Then("{user}'s build failed because {failure}")
  public void failedBecause(String user, ErrorClass cause) {
    verdicts.failedBecause(user, cause);
  }

  @Then("{user}'s build ran on the agent host itself")
  public void builtLocally(String user) {
    verdicts.builtLocally(user);
  }

  @Then("{user}'s build warned {string}")
  public void warned(String user, String fragment) {
    verdicts.warned(user, fragment);
  }

  @Then("{user}'s build printed no warning")
  public void noWarning(String user) {
    verdicts.noWarning(user);
  }

  /** Rows: Nix version, then the warning ("none" for none). Only the agent host's version's row applies. */
  @Then("{user}'s build printed, by the agent host's Nix version:")
  public void warnedPerVersion(String user, List<Map<String, String>> rows) {
    verdicts.warnedPerVersion(user, Verdicts.byVersion(rows));
  }

  @Then("{user}'s last build built nothing, its output being already valid")
  public void alreadyValid(String user) {
    verdicts.alreadyValid(user);
  }

  @Then("the builds of {user} went to {builder} and {builder}, one each")
  public void spreadOver(String user, String first, String second) {
    verdicts.spreadOver(user, first, second);
  }
}
