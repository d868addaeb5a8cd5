package dev.dispatchcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A farm's expectations meet the rules lint applies to the farm's files in what their steps
 * deploy: a machines file, a nix.conf, nixSettings, a builders value or a builders table
 * from a .feature is refused where the same text in a farm file would be, at the .feature's
 * line. The project's own scenarios, which show what Nix does with malformed input, are not
 * a farm's and keep their freedom.
 */
class ExpectationContentTest {
  private static final String SUFFIX = " deploys, checked as lint checks a farm's files)";
  private static final String HOOK = " is not for a farm's expectations: it runs a command (or loads code) as root on the hosts;"
      + " put it in the farm's files, where lint names it and check neutralises it";

  @TempDir
  Path farm;

  /** The problems of a farm whose one expectations file holds a scenario of {@code steps} (indented by 4), starting at line 4. */
  private List<String> problems(String steps) throws IOException {
    Files.writeString(farm.resolve("gate.feature"), "Feature: a farm's expectations\n\n  Scenario: one\n" + steps
        + "    When the agent builds a probe for aarch64-linux\n"
        + "    Then every build of the agent for aarch64-linux went to aarch64-linux-1.example.com\n");
    return ExpectationCheck.problems(selection(farm), farm, ExpectationCheck.NOT_FOR_FARMS);
  }

  private static ScenarioSelection selection(Path features) {
    return new ScenarioSelection(List.of(features), true, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A step and its doc string, indented as in a scenario: the doc string's first line is two after the step's. */
  private static String withDocString(String step, String... lines) {
    StringBuilder out = new StringBuilder("    " + step + "\n      \"\"\"\n");
    for (String line : lines) out.append("      ").append(line).append("\n");
    return out.append("      \"\"\"\n").toString();
  }

  private static String in(String step) {
    return " (in what '" + step + "'" + SUFFIX;
  }

  private static final String MACHINES = "Given the agent host's system machines file (/etc/nix/machines) says:";

  @Test
  void aMachinesLineALintedFileWouldHaveRefusedIsRefusedAtItsLine() throws IOException {
    assertThat(problems(withDocString(MACHINES, "ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -",
        "ssh-ng://-oProxyCommand=sh@aarch64-linux-1 aarch64-linux - 1 1 - - -"))).containsExactly(
        "gate.feature:7: SSH user '-oProxyCommand=sh' of ssh-ng://-oProxyCommand=sh@aarch64-linux-1 is not a login name"
            + " (a letter or '_', then letters, digits, '_' or '-', perhaps a final '$'; at most 32 characters)" + in(MACHINES));
  }

  @Test
  void aCleanMachinesFileIsNoProblem() throws IOException {
    assertThat(problems(withDocString(MACHINES, "ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -   # the first",
        "ssh-ng://nix@aarch64-linux-1?remote-program=/usr/local/bin/nix-daemon aarch64-linux - 1 1.5 - - -",
        "@/etc/nix/machines.d/more"))).isEmpty();
  }

  @Test
  void aHookInTheSystemNixConfIsRefusedAtItsLine() throws IOException {
    String step = "Given the agent host's system nix.conf says:";
    assertThat(problems(withDocString(step, "builders = @/etc/nix/machines", "build-hook = /tmp/forge",
        "post-build-hook = /tmp/forge"))).containsExactly("gate.feature:7: build-hook" + HOOK + in(step),
        "gate.feature:8: post-build-hook" + HOOK + in(step));
  }

  @Test
  void theAgentsOwnNixConfMeetsNixConfRulesItsBuildersTheMachinesRulesAndNoHook() throws IOException {
    String step = "Given the agent's own nix.conf says:";
    assertThat(problems(withDocString(step, "builders = ssh://aarch64-linux-0 aarch64-linux ; ssh://bad_host aarch64-linux",
        "max-jobs=0", "extra-pre-build-hook = /tmp/forge", "diff-hook = /tmp/forge"))).containsExactly(
        "gate.feature:6: builder host name 'bad_host' is not an RFC 1123 host name (letters, digits, '-' and '.'; labels of"
            + " 1 to 63 characters that neither start nor end with '-'; at most 253 characters)" + in(step),
        "gate.feature:7: 'max-jobs=0': Nix wants spaces around '=' and rejects the line (`illegal configuration line`),"
            + " so every Nix command fails" + in(step),
        "gate.feature:8: extra-pre-build-hook" + HOOK + in(step),
        "gate.feature:9: diff-hook" + HOOK + in(step));
  }

  @Test
  void aCleanNixConfIsNoProblem() throws IOException {
    assertThat(problems(withDocString("Given the agent host's system nix.conf says:", "builders = @/etc/nix/machines",
        "trusted-users = root hercules-ci-agent",
        "extra-builders = ssh://aarch64-linux-0 aarch64-linux") // Nix warns and drops it: a warning, no problem
        + withDocString("And the agent's own nix.conf says:", "builders ="))).isEmpty();
  }

  @Test
  void nixSettingsMeetAnAgentConfigurationsRules() throws IOException {
    String step = "Given the agent's nixSettings say:";
    assertThat(problems(withDocString(step, "builders = ssh://root@aarch64-linux-0?ssh-key=../../etc/shadow aarch64-linux",
        "--store = /tmp", "builders = ssh://aarch64-linux-1 aarch64-linux", "include /etc/nix/more.conf",
        "build-hook = /tmp/forge")
        + "    When an effect of the agent builds a probe for aarch64-linux\n")).containsExactly(
        "gate.feature:6: ssh-key '../../etc/shadow' of ssh://root@aarch64-linux-0?ssh-key=../../etc/shadow is a relative"
            + " path, which ssh resolves against the working directory of the Nix process that runs it, not a home;"
            + " give an absolute path" + in(step),
        "gate.feature:7: nixSettings name '--store' is not a setting's name ([A-Za-z][A-Za-z0-9_-]*); the agent passes it"
            + " to Nix as --option NAME VALUE" + in(step),
        "gate.feature:8: nixSettings.builders is set a second time" + in(step),
        "gate.feature:9: 'include /etc/nix/more.conf': nixSettings is a table of settings and includes no file" + in(step),
        "gate.feature:10: build-hook" + HOOK + in(step));
  }

  @Test
  void cleanNixSettingsAreNoProblem() throws IOException {
    assertThat(problems(withDocString("Given the agent's nixSettings say:",
        "builders = ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -", "max-jobs = 0")
        + "    When an effect of the agent builds a probe for aarch64-linux\n")).isEmpty();
  }

  @Test
  void anEffectsOwnBuildersAreAMachinesValueAtTheStepsLine() throws IOException {
    String step = "When an effect of the agent builds a probe for aarch64-linux with its own builders";
    String written = step + " \"ssh://x@aarch64-linux-0:0 aarch64-linux ; ssh://aarch64-linux-1 aarch64-linux - 1 1 - - \\\"quoted\\\"\"";
    assertThat(problems("    " + written + "\n")).containsExactly(
        "gate.feature:4: port '0' of ssh://x@aarch64-linux-0:0 is not a number from 1 to 65535" + in(written),
        "gate.feature:4: host key '\"quoted\"' of ssh://aarch64-linux-1 is not base64; Nix rejects the line"
            + " (`is not valid base64 string`)" + in(written));
    assertThat(problems("    " + step + " \"ssh://aarch64-linux-0 aarch64-linux - 1 1 - - -\"\n"
        + "    " + step + " ''\n")).as("a clean value, and none").isEmpty();
  }

  private static final String TABLE = "Given remote builders that claim foreign systems:";

  @Test
  void aBuildersTableCellIsOneWordOfItsKindAtItsRow() throws IOException {
    assertThat(problems("    " + TABLE + "\n"
        + "      | builder                 | systems                      |\n"
        + "      | aarch64-linux-0         | aarch64-linux                |\n"
        + "      | -oProxyCommand=sh@multi | aarch64-linux\\nbuild-hook = /tmp/forge |\n"
        + "      | bad_host:22             | aarch64-linux, x86 64-linux  |\n")).containsExactly(
        "gate.feature:7: cell 'aarch64-linux\nbuild-hook = /tmp/forge' is not one line of text: a cell names one builder,"
            + " or its systems" + in(TABLE),
        "gate.feature:7: SSH user '-oProxyCommand=sh' of -oProxyCommand=sh@multi is not a login name (a letter or '_', then"
            + " letters, digits, '_' or '-', perhaps a final '$'; at most 32 characters)" + in(TABLE),
        "gate.feature:7: system 'aarch64-linux\nbuild-hook = /tmp/forge' is not an arch-os system name such as aarch64-linux"
            + in(TABLE),
        "gate.feature:8: builder host name 'bad_host:22' is not an RFC 1123 host name (letters, digits, '-' and '.';"
            + " labels of 1 to 63 characters that neither start nor end with '-'; at most 253 characters)" + in(TABLE),
        "gate.feature:8: system 'x86 64-linux' is not an arch-os system name such as aarch64-linux" + in(TABLE));
  }

  @Test
  void aBuildersTableHasTheColumnsTheStepReads() throws IOException {
    assertThat(problems("    " + TABLE + "\n"
        + "      | host            | systems       |\n"
        + "      | aarch64-linux-0 | aarch64-linux |\n")).containsExactly(
        "gate.feature:5: the table's columns are host, systems; a builders table has two columns, builder and systems"
            + in(TABLE));
    assertThat(problems("    " + TABLE + "\n")).containsExactly(
        "gate.feature:4: no table follows the step; a builders table has two columns, builder and systems" + in(TABLE));
  }

  @Test
  void aCleanBuildersTableIsNoProblem() throws IOException {
    assertThat(problems("    " + TABLE + "\n"
        + "      | systems                       | builder                     |\n"
        + "      | aarch64-linux                 | aarch64-linux-0             |\n"
        + "      | aarch64-linux                 | aarch64-linux-1.example.com |\n"
        + "      | aarch64-linux                 | nix@aarch64-linux-2         |\n"
        + "      | aarch64-linux, aarch64-darwin | multi-0                     |\n")).isEmpty();
  }

  /** An outline's values are put in before the check, and a value's line break does not shift the lines after it. */
  @Test
  void anOutlinesValuesAreCheckedAsTheScenarioRunsThem() throws IOException {
    Files.writeString(farm.resolve("outline.feature"), """
        Feature: an outline

          Scenario Outline: <user>
            Given the agent host's system machines file (/etc/nix/machines) says:
              \"\"\"
              ssh://<user>@aarch64-linux-0 aarch64-linux
              ssh://aarch64-linux-1 <system>
              \"\"\"
            When the agent builds a probe for aarch64-linux
            Then every build of the agent for aarch64-linux went to aarch64-linux-1

            Examples:
              | user | system                                  |
              | nix  | aarch64-linux                           |
              | -x   | aarch64-linux\\nssh://-o@x aarch64-linux |
        """);
    String example = " (in what 'Given the agent host's system machines file (/etc/nix/machines) says:' deploys with the"
        + " values of the example at line 15" + SUFFIX.substring(" deploys".length());
    assertThat(ExpectationCheck.problems(selection(farm), farm, ExpectationCheck.NOT_FOR_FARMS)).containsExactly(
        "outline.feature:6: SSH user '-x' of ssh://-x@aarch64-linux-0 is not a login name (a letter or '_', then letters,"
            + " digits, '_' or '-', perhaps a final '$'; at most 32 characters)" + example,
        "outline.feature:7: SSH user '-o' of ssh://-o@x is not a login name (a letter or '_', then letters, digits, '_'"
            + " or '-', perhaps a final '$'; at most 32 characters)" + example);
  }

  /** An example's values in a table's cell or a step's string are named with the example; a line without values once. */
  @Test
  void anOutlinesValuesInATableOrAStringNameTheExample() throws IOException {
    Files.writeString(farm.resolve("outline.feature"), """
        Feature: an outline

          Scenario Outline: <builder>
            Given remote builders that claim foreign systems:
              | builder   | systems       |
              | <builder> | aarch64-linux |
              | b_1       | aarch64-linux |
            When an effect of the agent builds a probe for aarch64-linux with its own builders "ssh://<builder> aarch64-linux"
            Then every build of the agent for aarch64-linux went to aarch64-linux-1

            Examples:
              | builder |
              | good    |
              | -o      |
              | a_b     |
        """);
    String table = " (in what '" + TABLE + "' deploys with the values of the example at line ";
    String string = " (in what 'When an effect of the agent builds a probe for aarch64-linux with its own builders"
        + " \"ssh://<builder> aarch64-linux\"' deploys with the values of the example at line ";
    String rfc = " is not an RFC 1123 host name (letters, digits, '-' and '.'; labels of 1 to 63 characters that neither"
        + " start nor end with '-'; at most 253 characters)";
    String checked = ", checked as lint checks a farm's files)";
    assertThat(ExpectationCheck.problems(selection(farm), farm, ExpectationCheck.NOT_FOR_FARMS)).containsExactly(
        "outline.feature:7: builder host name 'b_1'" + rfc + in(TABLE),
        "outline.feature:6: builder host name '-o'" + rfc + table + "14" + checked,
        "outline.feature:8: builder host name '-o'" + rfc + string + "14" + checked,
        "outline.feature:6: builder host name 'a_b'" + rfc + table + "15" + checked,
        "outline.feature:8: builder host name 'a_b'" + rfc + string + "15" + checked);
  }

  /** A Background's step runs in every scenario, and is one problem. */
  @Test
  void aBackgroundsStepIsOneProblem() throws IOException {
    Files.writeString(farm.resolve("background.feature"), """
        Feature: a background

          Background:
            Given the agent's own nix.conf says:
              \"\"\"
              build-hook = /tmp/forge
              \"\"\"

          Scenario: one
            When the agent builds a probe for aarch64-linux
            Then every build of the agent for aarch64-linux went to aarch64-linux-1

          Scenario: two
            When the agent builds a probe for aarch64-linux
            Then every build of the agent for aarch64-linux went to aarch64-linux-1
        """);
    assertThat(ExpectationCheck.problems(selection(farm), farm, ExpectationCheck.NOT_FOR_FARMS)).containsExactly(
        "background.feature:6: build-hook" + HOOK + in("Given the agent's own nix.conf says:"));
  }

  /**
   * Steps that take text (a doc string, a table, a {string}) and deploy none of it: each
   * reviewed, with why. A new step that takes text fails the test below until it is checked
   * here, refused to farms, or reviewed.
   */
  private static final Map<String, String> DEPLOY_NOTHING = Map.of(
      "these builds run at the same time:", "builds probes: a user and a host by name, a system in a Nix string",
      "the verdict that {verdict} is a failure saying {string}", "words the verdict's message is compared with",
      "{user}'s build printed, by the agent host's Nix version:", "words the build's log is compared with",
      "the verdict that {user}'s build printed what other Nix versions print is a failure saying {string}:",
      "words the build's log and the verdict's message are compared with",
      "{user}'s build, by {nixRole} Nix version:", "outcomes the build is compared with",
      "the verdict that {user}'s build ended as on other Nix versions is a failure, by {nixRole} Nix version:",
      "outcomes and words the build and the verdict's message are compared with");

  @Test
  void everyStepThatTakesTextIsCheckedRefusedToFarmsOrDeploysNothing() throws ReflectiveOperationException {
    Set<String> takingText = new TreeSet<>();
    for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.dispatchcheck.steps")) {
      for (Method m : c.reflect().getDeclaredMethods()) {
        for (Annotation a : m.getAnnotations()) {
          if (!a.annotationType().getPackageName().equals("io.cucumber.java.en")) continue;
          String pattern = (String) a.annotationType().getMethod("value").invoke(a);
          long placeholders = Pattern.compile("\\{[^}]*}").matcher(pattern).results().count();
          if (m.getParameterCount() > placeholders || pattern.contains("{string}")) takingText.add(pattern);
        }
      }
    }
    Set<String> known = new TreeSet<>(ExpectationContent.patterns());
    known.addAll(ExpectationCheck.NOT_FOR_FARMS);
    known.addAll(DEPLOY_NOTHING.keySet());
    assertThat(takingText).isEqualTo(known);
  }

  /** The project's scenarios write what Nix rejects on purpose (11-nix-versions); they are not a farm's. */
  @Test
  void theFarmRulesAreAFarmsOnly() throws IOException {
    problems(withDocString("Given the agent's own nix.conf says:", "build-hook = /tmp/forge"));
    assertThat(ExpectationCheck.problems(selection(farm), farm)).isEmpty();
    assertThat(ExpectationCheck.problems(selection(farm), farm, ExpectationCheck.NOT_FOR_FARMS)).hasSize(1);
  }
}
