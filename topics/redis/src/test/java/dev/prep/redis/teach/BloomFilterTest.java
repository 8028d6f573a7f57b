package dev.prep.redis.teach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BloomFilter: no false negatives, false positives as the formula predicts")
class BloomFilterTest {

  @Test
  @DisplayName("every key that was added is reported present")
  void noFalseNegatives() {
    BloomFilter f = BloomFilter.forExpected(10_000, 0.01);
    for (int i = 0; i < 10_000; i++) f.add("user:" + i);
    for (int i = 0; i < 10_000; i++) {
      assertThat(f.mightContain("user:" + i)).as("user:%d was added", i).isTrue();
    }
  }

  @Test
  @DisplayName("sizing for 1% gives m/n = 9.59 bits per key and k = 7 (m = -n ln p / ln² 2)")
  void sizing() {
    assertThat(BloomFilter.optimalBits(10_000, 0.01)).isEqualTo(95_851);
    assertThat(BloomFilter.optimalHashes(10_000, 95_851)).isEqualTo(7);
  }

  @Test
  @DisplayName("measured false-positive rates are within 20% of (1 - e^(-kn/m))^k")
  void measuredMatchesFormula() {
    int n = 20_000;
    for (int k : new int[] {1, 3, 7}) {
      BloomFilter f = new BloomFilter(8L * n, k);
      for (int i = 0; i < n; i++) f.add("in:" + i);
      int probes = 200_000;
      int fp = 0;
      for (int i = 0; i < probes; i++) if (f.mightContain("out:" + i)) fp++;
      double measured = (double) fp / probes;
      double expected = BloomFilter.expectedFpp(n, 8L * n, k);
      assertThat(measured)
          .as("k=%d: measured vs formula %.4f", k, expected)
          .isCloseTo(expected, within(expected * 0.2));
      assertThat(f.fillRatio()).isCloseTo(1 - Math.exp(-(double) k * n / (8L * n)), within(0.01));
    }
  }

  @Test
  @DisplayName("an empty filter contains nothing")
  void empty() {
    assertThat(new BloomFilter(1024, 3).mightContain("anything")).isFalse();
  }
}
