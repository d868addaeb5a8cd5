package dev.dispatchcheck.steps;

import dev.dispatchcheck.dispatch.verdict.SelfCheck;
import io.cucumber.java.en.Then;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expectations, and the self-checks that prove each can fail: the same verdict, run
 * against a wrong expectation or a broken configuration, must end in a verdict failure
 * whose message says what really happened. A harness error is never such a proof.
 */
public class VerdictSteps {
  private final World world;
  private final Verdicts verdicts;

  public VerdictSteps(World world, Verdicts verdicts) {
    this.world = world;
    this.verdicts = verdicts;
  }

  @Then("{verdict}")
  public void holds(SelfCheck.Verdict verdict) {
    verdict.check();
  }

  @Then(Vocabulary.SELF_CHECK_BEFORE + "{verdict}" + Vocabulary.SELF_CHECK_AFTER + "{string}")
  public void failsSaying(SelfCheck.Verdict verdict, String saying) {
    SelfCheck.mustFail("stated in this step", verdict, saying);
  }

  /** Rows: Nix version, then the warning ("none" for none). Only the agent host's version's row applies. */
  @Then("{user}'s build printed, by the agent host's Nix version:")
  public void printedPerVersion(String user, List<Map<String, String>> rows) {
    verdicts.warnedPerVersion(user, byVersion(rows));
  }

  /** The rows of the other Nix versions, applied to this one, must each fail. */
  @Then("the verdict that {user}'s build printed what other Nix versions print is a failure saying {string}:")
  public void otherVersionsFail(String user, String saying, List<Map<String, String>> rows) {
    String mine = world.settings().agentNix().label();
    Map<String, String> table = byVersion(rows);
    int checked = 0;
    for (var e : table.entrySet()) {
      if (e.getKey().equals(mine) || e.getValue().equals(table.get(mine))) continue;
      SelfCheck.mustFail("the build printed what Nix " + e.getKey() + " prints",
          () -> verdicts.warnedPerVersion(user, Map.of(mine, e.getValue())), saying);
      checked++;
    }
    requireSomeCheck(checked, mine);
  }

  /** A self-check over a table in which every other row says the same as this version's row cannot fail. */
  private static void requireSomeCheck(int checked, String version) {
    if (checked == 0) {
      throw new SelfCheck.SelfCheckFailure("no other row of the table differs from Nix " + version
          + "'s, so this self-check could not fail", null);
    }
  }

  /**
   * Where Nix versions decide the outcome. Rows: a version (of the agent host, of the
   * builders, or the pair as "2.34/2.8"), then the rest of a verdict phrase about the
   * build ("went to B", "failed because ...", "failed saying ..."); only the row of this
   * run applies.
   */
  @Then("{user}'s build, by {nixRole} Nix version:")
  public void outcomePerVersion(String user, ParameterTypes.NixRole role, List<Map<String, String>> rows) {
    verdicts.of(phraseFor(user, rows, role.versionOf(world.settings()))).check();
  }

  /**
   * The rows of the other versions, applied to this run, must each fail as a verdict,
   * and say what this version's row says really happened (its "saying" column).
   */
  @Then("the verdict that {user}'s build ended as on other Nix versions is a failure, by {nixRole} Nix version:")
  public void otherVersionsEndOtherwise(String user, ParameterTypes.NixRole role, List<Map<String, String>> rows) {
    String mine = role.versionOf(world.settings());
    Map<String, String> row = rows.stream().filter(r -> r.get("Nix").equals(mine)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no row for Nix " + mine + " in the table"));
    int checked = 0;
    for (Map<String, String> other : rows) {
      if (other.get("outcome").equals(row.get("outcome"))) continue;
      SelfCheck.mustFail("the build ended as on Nix " + other.get("Nix"),
          verdicts.of(ParameterTypes.wordsOf(user) + "'s build " + other.get("outcome")), row.get("saying"));
      checked++;
    }
    requireSomeCheck(checked, mine);
  }

  static String phraseFor(String user, List<Map<String, String>> rows, String version) {
    return ParameterTypes.wordsOf(user) + "'s build " + outcomeOf(rows, version);
  }

  private static String outcomeOf(List<Map<String, String>> rows, String version) {
    return rows.stream().filter(r -> r.get("Nix").equals(version)).map(r -> r.get("outcome")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no row for Nix " + version + " in the table"));
  }


  private static Map<String, String> byVersion(List<Map<String, String>> rows) {
    Map<String, String> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.get("Nix"), r.get("warning")));
    return out;
  }
}
