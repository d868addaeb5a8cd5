package dev.dispatchcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CI checks pull requests from anyone: the recipe, the action and the template never run a farm's commands. */
class FarmCommandsOffInCiTest {
  static final List<String> CI_FILES = List.of("ci/farm-check.sh", "action.yml", "ci/gitlab/dispatchcheck.gitlab-ci.yml");

  /** The lines that are not comments and pass the flag. */
  static List<String> passingTheFlag(String text) {
    return text.lines().filter(l -> !l.strip().startsWith("#") && l.contains("--run-farm-commands")).toList();
  }

  @Test
  void noCiFilePassesRunFarmCommands() throws IOException {
    for (String file : CI_FILES) {
      assertThat(passingTheFlag(Files.readString(Path.of(file)))).as(file).isEmpty();
    }
  }

  @Test
  void aLineThatPassesItIsFoundButACommentIsNot() {
    assertThat(passingTheFlag("# never --run-farm-commands here\n\"$launcher\" check --run-farm-commands \"$farm\"\n"))
        .containsExactly("\"$launcher\" check --run-farm-commands \"$farm\"");
  }
}
