package dev.prep.network.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The course's five rate limiters on a fake clock")
class RateLimitersTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  private final FakeClock clock = new FakeClock();

  /** Which of {@code count} requests at {@code atMillis} pass, as a count. */
  private int burst(RateLimiter limiter, long atMillis, int count) {
    clock.setMillis(atMillis);
    int passed = 0;
    for (int i = 0; i < count; i++) {
      passed += limiter.tryAcquire() ? 1 : 0;
    }
    return passed;
  }

  @Test
  @DisplayName("the fake clock only moves forward")
  void clockMovesForward() {
    clock.setMillis(5);
    clock.advanceMillis(7);
    assertThat(clock.millis()).isEqualTo(12);
    assertThat(clock.getAsLong()).isEqualTo(12 * MS);
    assertThatThrownBy(() -> clock.setMillis(11)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("fixed window: limit per aligned window, 2 × limit across a boundary")
  void fixedWindow() {
    var limiter = new FixedWindowLimiter(10, SECOND, clock);
    assertThat(burst(limiter, 999, 15)).isEqualTo(10);
    assertThat(burst(limiter, 1000, 15)).as("a new window, a fresh count").isEqualTo(10);
    assertThat(burst(limiter, 1999, 1)).isZero();
    assertThat(burst(limiter, 5000, 3)).as("after a gap of several windows").isEqualTo(3);
    assertThat(limiter.storedNumbers()).isEqualTo(2);
  }

  @Test
  @DisplayName("sliding log: at most limit in (now − W, now], refused requests not logged")
  void slidingLog() {
    var limiter = new SlidingLogLimiter(3, SECOND, clock);
    assertThat(burst(limiter, 100, 2)).isEqualTo(2);
    assertThat(burst(limiter, 900, 5)).isEqualTo(1);
    assertThat(limiter.storedNumbers()).isEqualTo(3);
    assertThat(burst(limiter, 1099, 1)).as("100 ms entries still inside (99, 1099]").isZero();
    assertThat(burst(limiter, 1100, 5))
        .as("at 1100 the two entries of 100 ms leave the window (100, 1100]")
        .isEqualTo(2);
    assertThat(burst(limiter, 10_000, 0)).isZero();
    limiter.tryAcquire();
    assertThat(limiter.storedNumbers()).as("old entries evicted on the next call").isEqualTo(1);
  }

  @Test
  @DisplayName("sliding counter: previous window weighted by what is left of it")
  void slidingCounter() {
    var limiter = new SlidingWindowCounterLimiter(10, SECOND, clock);
    assertThat(burst(limiter, 900, 10)).isEqualTo(10);
    // at 1000: prev 10 × 1.0 + curr: nothing fits
    assertThat(burst(limiter, 1000, 5)).isZero();
    // at 1250: 10 × 0.75 = 7.5, so curr may reach 2 (9.5) but not 3 (10.5)
    assertThat(burst(limiter, 1250, 5)).isEqualTo(2);
    // at 1500: 10 × 0.5 + 2 = 7: three more make exactly 10
    assertThat(burst(limiter, 1500, 5)).isEqualTo(3);
    // at 2000 the window moves by one: prev = 5, weight 1.0
    assertThat(burst(limiter, 2000, 10)).isEqualTo(5);
    // at 4100 two windows passed: both counts are stale
    assertThat(burst(limiter, 4100, 20)).isEqualTo(10);
  }

  @Test
  @DisplayName("token bucket: starts full, refills lazily and exactly, caps at capacity")
  void tokenBucket() {
    var limiter = new TokenBucketLimiter(5, 3, clock);
    assertThat(burst(limiter, 0, 10)).isEqualTo(5);
    assertThat(limiter.tokens()).isZero();
    int passed = 0;
    for (long ms = 1; ms <= 10_000; ms++) {
      passed += burst(limiter, ms, 1);
    }
    assertThat(passed).as("3 tokens a second for 10 s, refilled 1 ms at a time").isEqualTo(30);
    assertThat(burst(limiter, 3_600_000, 100)).as("an hour idle: still only capacity").isEqualTo(5);
  }

  @Test
  @DisplayName("leaky bucket: a burst is queued and leaves evenly, overflow refused")
  void leakyBucket() {
    var limiter = new LeakyBucketLimiter(4, 10, clock);
    assertThat(burst(limiter, 1000, 10)).isEqualTo(4);
    assertThat(limiter.lastLeavesAt()).isEqualTo(1300 * MS);
    assertThat(limiter.storedNumbers()).isEqualTo(1 + 4);
    assertThat(burst(limiter, 1050, 2)).as("the first left at 1000 ms: room for one").isEqualTo(1);
    assertThat(limiter.lastLeavesAt()).isEqualTo(1400 * MS);
    assertThat(burst(limiter, 1100, 1)).as("the one leaving at 1100 ms still counts").isZero();
    assertThat(burst(limiter, 1101, 1)).isEqualTo(1);
    assertThat(limiter.lastLeavesAt()).isEqualTo(1500 * MS);
    assertThat(burst(limiter, 5000, 1)).isEqualTo(1);
    assertThat(limiter.lastLeavesAt()).as("an empty bucket forwards at once").isEqualTo(5000 * MS);
    assertThat(burst(limiter, 5010, 1)).isEqualTo(1);
    assertThat(limiter.lastLeavesAt())
        .as("the next leaves one spacing later, although the bucket was empty on arrival")
        .isEqualTo(5100 * MS);
  }

  @Test
  @DisplayName("on seeded random traffic only the sliding log keeps every 1 s span at the limit")
  void seededTraffic() {
    var random = new SplittableRandom(42);
    List<Long> arrivals = new ArrayList<>();
    for (long t = 0; t < 20 * SECOND; t += random.nextLong(1, 200 * MS)) {
      arrivals.add(t);
    }
    var log = new SlidingLogLimiter(10, SECOND, clock);
    var fixed = new FixedWindowLimiter(10, SECOND, clock);
    List<Long> logged = new ArrayList<>();
    List<Long> fixedPassed = new ArrayList<>();
    for (long t : arrivals) {
      clock.setNanos(t);
      if (log.tryAcquire()) {
        logged.add(t);
      }
      if (fixed.tryAcquire()) {
        fixedPassed.add(t);
      }
    }
    assertThat(maxInSpan(logged, SECOND)).isEqualTo(10);
    assertThat(maxInSpan(fixedPassed, SECOND)).isGreaterThan(10);
  }

  @Test
  @DisplayName("bad limits are refused")
  void badArguments() {
    LongSupplier c = clock;
    assertThatThrownBy(() -> new FixedWindowLimiter(0, SECOND, c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SlidingLogLimiter(1, 0, c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SlidingWindowCounterLimiter(-1, SECOND, c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucketLimiter(1, 0, c))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LeakyBucketLimiter(0, 1, c))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int maxInSpan(List<Long> times, long span) {
    int best = 0;
    for (int i = 0, j = 0; j < times.size(); j++) {
      while (times.get(j) - times.get(i) >= span) {
        i++;
      }
      best = Math.max(best, j - i + 1);
    }
    return best;
  }
}
