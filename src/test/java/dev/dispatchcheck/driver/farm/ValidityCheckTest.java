package dev.dispatchcheck.driver.farm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The evidence asks a stand-in's database for a store path only when the path needs no quoting. */
class ValidityCheckTest {
  @Test
  void aStorePathIsLookedUpInValidPathsWaitingForTheDatabaseAndAskingNixStoreIfTheReadFails() {
    String path = "/nix/store/93hswik0brc6ppfajxk7zb4h1hkh5cb6-probe-aarch64-linux";
    assertThat(DispatchInvestigator.validityCheck(path))
        .isEqualTo("{ n=$(sqlite3 -readonly -cmd '.timeout 5000' /nix/var/nix/db/db.sqlite \"select count(*) from"
            + " ValidPaths where path = '" + path + "'\" 2>/dev/null) || n=$(nix-store --check-validity " + path
            + " >/dev/null 2>&1 && echo 1); [ \"$n\" = 1 ]; }");
  }

  /** The negative twin: anything else (a quote, a letter base-32 lacks, another directory) is nix-store's to judge. */
  @Test
  void anythingElseIsAskedOfNixStore() {
    for (String odd : new String[] {"/nix/store/93hswik0brc6ppfajxk7zb4h1hkh5cb6-x'; drop table ValidPaths; --",
        "/nix/store/93hswik0brc6ppfajxk7zb4h1hkh5cbe-probe", "/tmp/93hswik0brc6ppfajxk7zb4h1hkh5cb6-probe",
        "/nix/store/93hswik0brc6ppfajxk7zb4h1hkh5cb6-probe\n"}) {
      assertThat(DispatchInvestigator.validityCheck(odd)).startsWith("nix-store --check-validity ").doesNotContain("sqlite3");
    }
  }
}
