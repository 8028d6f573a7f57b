package dev.prep.redis.teach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LruSimulation: approximated LRU (sampling, the 16-entry pool) against true LRU")
class LruSimulationTest {

  private static final int CAPACITY = 4_000;

  @Test
  @DisplayName("true LRU evicts exactly the older half of the old keys: no mistakes")
  void trueLru() {
    LruSimulation.Result r = LruSimulation.trueLru(CAPACITY);
    assertThat(r.evictions()).isEqualTo(CAPACITY / 2);
    assertThat(r.mistakes()).isZero();
    assertThat(r.evictedShare(0, CAPACITY / 2)).isEqualTo(1.0);
    assertThat(r.evictedShare(CAPACITY / 2, CAPACITY + CAPACITY / 2)).isZero();
  }

  @Test
  @DisplayName("every policy evicts one key per added key")
  void oneEvictionPerAdd() {
    for (int samples : new int[] {1, 3, 5, 10}) {
      assertThat(LruSimulation.sampled(CAPACITY, samples, 1).evictions()).isEqualTo(CAPACITY / 2);
      assertThat(LruSimulation.sampledWithPool(CAPACITY, samples, 1).evictions())
          .isEqualTo(CAPACITY / 2);
    }
  }

  @Test
  @DisplayName("more samples, fewer mistakes; the pool beats plain sampling at the same N")
  void moreSamplesFewerMistakes() {
    int[] plain = new int[3];
    int[] pooled = new int[3];
    int[] ns = {3, 5, 10};
    for (int i = 0; i < ns.length; i++) {
      for (long seed = 1; seed <= 3; seed++) {
        plain[i] += LruSimulation.sampled(CAPACITY, ns[i], seed).mistakes();
        pooled[i] += LruSimulation.sampledWithPool(CAPACITY, ns[i], seed).mistakes();
      }
    }
    assertThat(plain[0]).isGreaterThan(plain[1]).isGreaterThan(plain[2]);
    assertThat(pooled[0]).isGreaterThan(pooled[1]).isGreaterThan(pooled[2]);
    for (int i = 0; i < ns.length; i++) {
      assertThat(pooled[i]).as("pool vs plain at N=%d", ns[i]).isLessThan(plain[i]);
    }
  }

  @Test
  @DisplayName("one sample is random eviction: about half the old evictions are mistakes")
  void oneSampleIsRandom() {
    LruSimulation.Result r = LruSimulation.sampled(CAPACITY, 1, 42);
    assertThat((double) r.mistakes() / r.evictions()).isBetween(0.4, 0.75);
  }

  @Test
  @DisplayName("the same seed gives the same run")
  void deterministic() {
    assertThat(LruSimulation.sampledWithPool(1000, 5, 9))
        .isEqualTo(LruSimulation.sampledWithPool(1000, 5, 9));
  }

  @Test
  @DisplayName("maxmemory-samples below 1 is refused, as CONFIG SET refuses it")
  void samplesRange() {
    assertThatThrownBy(() -> LruSimulation.sampled(100, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
