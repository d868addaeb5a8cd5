package dev.dispatchcheck.steps;

import dev.dispatchcheck.run.PairHandOff;
import dev.dispatchcheck.run.RunSettings;
import dev.dispatchcheck.run.SystemProperties;
import io.cucumber.picocontainer.CucumberPicoProvider;
import org.picocontainer.injectors.Provider;

/**
 * Gives each scenario's {@link World} the pair's settings: those the command line handed
 * over ({@link PairHandOff}), else, under the IDE/Maven runner, those the system
 * properties describe.
 */
@CucumberPicoProvider
public class RunSettingsProvider implements Provider {
  public RunSettings provide() {
    return PairHandOff.current().orElseGet(SystemProperties::standalonePair);
  }
}
