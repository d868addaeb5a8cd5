package dev.dispatchcheck.dispatch.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @TempDir Path dir;

  @Test
  void jsonAsTheAgentsModuleWritesIt() {
    AgentConfig c = AgentConfig.read(AgentConfig.JSON, String.join("\n", "{",
        "  \"baseDirectory\": \"/var/lib/hercules-ci-agent\",",
        "  \"labels\": {\"a\": [1, 2]},",
        "  \"nixSettings\": {",
        "    \"substituters\": \"https://example.com\",",
        "    \"builders\": \"ssh://b aarch64-linux\"",
        "  }", "}"));
    assertThat(c.problems()).isEmpty();
    assertThat(c.settings()).containsExactly(new AgentConfig.Entry(5, "substituters", "https://example.com"),
        new AgentConfig.Entry(6, "builders", "ssh://b aarch64-linux"));
    assertThat(List.copyOf(c.nixSettings().asMap().keySet())).containsExactly("builders", "substituters");
  }

  @Test
  void jsonThatIsNotReadableOrNotStringsIsAProblemAtItsLine() {
    assertThat(AgentConfig.read(AgentConfig.JSON, "{\n\"nixSettings\": {\"max-jobs\": 0}\n}").problems())
        .extracting(AgentConfig.Entry::line).containsExactly(2);
    assertThat(AgentConfig.read(AgentConfig.JSON, "{\n\"nixSettings\": {,\n}").problems()).hasSize(1)
        .allMatch(p -> p.value().startsWith("not JSON") && p.line() == 2);
  }

  @Test
  void tomlAsNixpkgsWritesIt() {
    AgentConfig c = AgentConfig.read(AgentConfig.TOML, String.join("\n",
        "baseDirectory = \"/var/lib/hercules-ci-agent\"",
        "[labels]", "builders = \"not this one\"",
        "[nixSettings]",
        "builders = \"ssh://b aarch64-linux - 1 1 - - -\"  # the agent's",
        "\"extra-substituters\" = 'https://c.example.com'",
        "[other]"));
    assertThat(c.problems()).isEmpty();
    assertThat(c.settings()).containsExactly(new AgentConfig.Entry(5, "builders", "ssh://b aarch64-linux - 1 1 - - -"),
        new AgentConfig.Entry(6, "extra-substituters", "https://c.example.com"));
  }

  @Test
  void tomlDottedKeysEscapesAndProblems() {
    AgentConfig c = AgentConfig.read(AgentConfig.TOML, String.join("\n",
        "nixSettings.builders = \"a\\tb\\u00e9\"",
        "nixSettings = { builders = \"x\" }",
        "[nixSettings]", "max-jobs = 0", "what"));
    assertThat(c.settings()).containsExactly(new AgentConfig.Entry(1, "builders", "a\tbé"));
    assertThat(c.problems()).extracting(AgentConfig.Entry::line).containsExactly(2, 4, 5);
  }

  @Test
  void theFarmCarriesOneAndLintNamesWhatItDoes() {
    Farm farm = Farm.in(dir)
        .agent("/etc/nix/nix.conf", "trusted-users = root hercules-ci-agent", "builders = @/etc/nix/machines")
        .agent("/etc/nix/machines", "ssh://a aarch64-linux")
        .file(AgentConfig.TOML, "[nixSettings]", "builders = \"ssh://b aarch64-linux\"", "max-jobs = \"0\"",
            "extra-builders = \"ssh://c x\"", "\"max-jobs\" = \"1\"", "nested = { a = 1 }");
    FarmLayout layout = farm.layout();
    assertThat(layout.nixSettings().asMap()).containsEntry("builders", "ssh://b aarch64-linux").containsEntry("max-jobs", "0");
    assertThat(Lint.check(layout)).extracting(f -> f.file() + ":" + f.line() + ":" + f.severity())
        .containsExactlyInAnyOrder("hercules-ci-agent.toml:2:WARNING", "hercules-ci-agent.toml:3:WARNING",
            "hercules-ci-agent.toml:4:WARNING", "hercules-ci-agent.toml:5:ERROR", "hercules-ci-agent.toml:6:ERROR");
    FarmPlan plan = FarmPlan.of(layout);
    assertThat(plan.standIns()).extracting(FarmPlan.StandIn::host).as("nixSettings' builder is stood in for").contains("a", "b");
    assertThat(plan.effectCells()).isNotEmpty().allMatch(c -> c.effect() && c.user().equals("hercules-ci-agent"));
    assertThat(plan.effectCells()).extracting(FarmPlan.Cell::system)
        .containsExactlyElementsOf(plan.cells().stream().filter(c -> c.user().equals("hercules-ci-agent")).map(FarmPlan.Cell::system).toList());
  }

  @Test
  void aNameThatIsNoSettingOrAValueThatIsNotALineIsAnError() {
    Farm farm = Farm.in(dir).file(AgentConfig.JSON, "{\"nixSettings\": {", "\"--store\": \"x\",",
        "\"builders\": \"a\\nb\"", "}}");
    assertThat(Lint.check(farm.layout())).extracting(f -> f.file() + ":" + f.line() + ":" + f.severity())
        .contains("hercules-ci-agent.json:2:ERROR", "hercules-ci-agent.json:3:ERROR");
  }

  @Test
  void theExampleFarmOnlyWarnsOfItsBuilders() {
    assertThat(Lint.check(FarmLayout.read(Path.of("examples/nixsettings-farm"))))
        .extracting(f -> f.file() + ":" + f.line() + ":" + f.severity()).containsExactly("hercules-ci-agent.toml:7:WARNING");
  }

  @Test
  void bothFilesAreRefused() {
    Farm farm = Farm.in(dir).file(AgentConfig.TOML, "").file(AgentConfig.JSON, "{}");
    assertThatThrownBy(farm::layout).isInstanceOf(FarmInputException.class).hasMessageContaining("hercules-ci-agent.json too");
  }

  @Test
  void longTomlStringsAndKeysAreReadWithoutRecursionOrBacktracking() {
    for (int length : List.of(2_000, 1 << 19)) {
      String value = "ssh://b aarch64-linux ; ".repeat(length / 24) + "\\\"";
      AgentConfig c = AgentConfig.read(AgentConfig.TOML, "[nixSettings]\nbuilders = \"" + value + "\" # the agent's");
      assertThat(c.problems()).isEmpty();
      assertThat(c.settings()).singleElement().extracting(AgentConfig.Entry::value).asString()
          .hasSize(value.length() - 1).endsWith("; \"");
    }
    String spaces = "x" + " ".repeat(1 << 19) + "y";
    AgentConfig c = AgentConfig.read(AgentConfig.TOML, String.join("\n", "[nixSettings]", "builders = " + spaces,
        "\"" + "k\\\"".repeat(1 << 17) + "\" = 'v'", "[" + "a.".repeat(1 << 17) + "]"));
    assertThat(c.problems()).extracting(AgentConfig.Entry::line).containsExactly(2);
    assertThat(c.settings()).singleElement().extracting(AgentConfig.Entry::name).asString().startsWith("k\"k\"");
  }

  @Test
  void jsonNestedPastTheLimitIsAProblemAtItsLine() {
    int arrays = AgentConfig.MAX_JSON_NESTING - 1; // inside the configuration's object
    String deep = "[".repeat(arrays) + "]".repeat(arrays);
    AgentConfig within = AgentConfig.read(AgentConfig.JSON, "{\"labels\": " + deep + ",\n\"nixSettings\": {\"cores\": \"1\"}}");
    assertThat(within.problems()).isEmpty();
    assertThat(within.settings()).extracting(AgentConfig.Entry::name).containsExactly("cores");
    AgentConfig past = AgentConfig.read(AgentConfig.JSON, "{\n\n\"labels\": " + "[".repeat(100_000));
    assertThat(past.problems()).containsExactly(new AgentConfig.Entry(3, "", "nested more than 64 levels deep, past"
        + " dispatchcheck's limit for the agent's configuration; the file is not read further"));
    assertThat(AgentConfig.read(AgentConfig.JSON, "{\"nixSettings\": {\"builders\": \"" + "x".repeat(1 << 20) + "\"}}")
        .settings()).singleElement().extracting(e -> e.value().length()).isEqualTo(1 << 20);
  }
}
