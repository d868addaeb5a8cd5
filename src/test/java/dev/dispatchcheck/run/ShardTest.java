package dev.dispatchcheck.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shards split the scenarios deterministically, each scenario into exactly one shard. */
class ShardTest {

  @Test
  void everyScenarioFallsInExactlyOneShardAndTheSplitIsRoughlyEven() {
    Map<Integer, Integer> sizes = new HashMap<>();
    for (int f = 1; f <= 11; f++) {
      for (int line = 1; line < 200; line += 7) {
        int k = Shard.of(String.format("%02d-x.feature", f), line, 3);
        assertThat(k).isBetween(1, 3);
        assertThat(Shard.of(String.format("%02d-x.feature", f), line, 3)).as("the same on every machine").isEqualTo(k);
        sizes.merge(k, 1, Integer::sum);
      }
    }
    assertThat(sizes.values()).allSatisfy(n -> assertThat(n).isGreaterThan(60));
  }

  @Test
  void aShardOutsideItsCountIsInvalidInput() {
    assertThatThrownBy(() -> Shard.parse("3/2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.parse("x")).isInstanceOf(IllegalArgumentException.class);
  }
}
