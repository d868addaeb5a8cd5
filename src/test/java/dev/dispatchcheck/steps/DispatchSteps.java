package dev.dispatchcheck.steps;

import static dev.dispatchcheck.assertions.DispatchRecordAssert.assertThat;

import dev.dispatchcheck.build.ErrorClass;
import io.cucumber.java.en.Then;

/** Verdicts: which builder (or none) took each build. */
public class DispatchSteps {
  private final World world;
  private final SystemBuilders systemBuilders;

  public DispatchSteps(World world, SystemBuilders systemBuilders) {
    this.world = world;
    this.systemBuilders = systemBuilders;
  }

  @Then("{user}'s build went to {builder}")
  public void wentTo(String user, String builder) {
    assertThat(world.lastRecordOf(user), user + "'s build").wentTo(builder);
  }

  @Then("every build of {user} went to {builder}")
  public void everyWentTo(String user, String builder) {
    world.recordsOf(user).forEach((run, record) ->
        assertThat(record, user + "'s build with salt " + run.probe().salt()).wentTo(builder));
  }

  @Then("{user}'s build went to a builder of the system machines file")
  public void wentToSystemBuilder(String user) {
    assertThat(world.lastRecordOf(user), user + "'s build").wentToOneOf(systemBuilders.names());
  }

  @Then("{user}'s build failed because no builder can build {system}")
  public void failedForWantOfBuilder(String user, String system) {
    assertThat(world.lastRecordOf(user), user + "'s " + system + " build")
        .failedBecause(ErrorClass.NO_MACHINE_FOR_SYSTEM);
  }
}
