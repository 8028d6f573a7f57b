package dev.prep.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grader for {@code network/sliding-window-counter}: the learner's {@link SlidingWindowCounter} on
 * a fake clock, windows of 1 s. Times in messages are milliseconds after the start of window 1000
 * (the clock starts at 1,000 s, a multiple of the window, so "1250 ms" is 250 ms into the window
 * after it). First one window alone, then the weighting at instants where the estimate is exact in
 * binary (1/4, 1/2, 3/4 of the previous window left), then the boundary burst a fixed window lets
 * through, then windows that move by two or more, then seeded random traffic checked decision by
 * decision against the contract's formula and against the bound it promises.
 */
@DisplayName("sliding-window-counter: the previous window weighted by the part still covered")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SlidingWindowCounterTest {

  private static final long MS = 1_000_000L;
  private static final long W = 1_000_000_000L;
  private static final long BASE = 1_000 * W;

  /** A clock the test sets by hand. */
  static final class FakeClock implements LongSupplier {
    private long nanos = BASE;

    @Override
    public long getAsLong() {
      return nanos;
    }

    void atMillis(long millis) {
      nanos = BASE + millis * MS;
    }
  }

  private final FakeClock clock = new FakeClock();

  private SlidingWindowCounter limiter(int limit) {
    return new SlidingWindowCounter(limit, Duration.ofSeconds(1), clock);
  }

  /** How many of {@code attempts} calls to tryAcquire() at {@code millis} are admitted. */
  private int burst(SlidingWindowCounter limiter, long millis, int attempts) {
    clock.atMillis(millis);
    int admitted = 0;
    for (int i = 0; i < attempts; i++) {
      admitted += limiter.tryAcquire() ? 1 : 0;
    }
    return admitted;
  }

  @Test
  @Tag("task:1")
  @DisplayName("inside one window it admits exactly limit requests, and estimate() counts them")
  void oneWindow() {
    var limiter = limiter(5);
    assertThat(burst(limiter, 100, 8))
        .as("tryAcquire() 8 times at 100 ms on a new limiter of 5 per 1 s: nothing before, 5 fit")
        .isEqualTo(5);
    assertThat(limiter.estimate())
        .as("estimate() at 100 ms after admitting 5 (no previous window): prev × ... + curr = 5")
        .isCloseTo(5.0, within(1e-9));
    assertThat(burst(limiter, 999, 1))
        .as("tryAcquire() at 999 ms, still in the same window with its 5 used")
        .isZero();
    assertThat(limiter.estimate())
        .as("estimate() at 999 ms: refused requests are not counted")
        .isCloseTo(5.0, within(1e-9));
  }

  @Test
  @Tag("task:1")
  @DisplayName("a limit below 1 or a window that is not positive throws IllegalArgumentException")
  void badArguments() {
    assertThat(catchThrowable(() -> new SlidingWindowCounter(0, Duration.ofSeconds(1), clock)))
        .as("new SlidingWindowCounter(limit 0, 1 s, clock)")
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(catchThrowable(() -> new SlidingWindowCounter(5, Duration.ZERO, clock)))
        .as("new SlidingWindowCounter(5, window 0, clock)")
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(catchThrowable(() -> new SlidingWindowCounter(5, Duration.ofMillis(-1), clock)))
        .as("new SlidingWindowCounter(5, window -1 ms, clock)")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Tag("task:2")
  @DisplayName("the previous window weighs (W − e) / W: exact estimates at chosen instants")
  void weighsPreviousWindow() {
    var limiter = limiter(10);
    assertThat(burst(limiter, 900, 10))
        .as("tryAcquire() 10 times at 900 ms, limit 10")
        .isEqualTo(10);
    // {millis, estimate before, admitted of 5 attempts, estimate after, prev, curr before}
    double[][] rows = {
      {1000, 10.0, 0, 10.0, 10, 0},
      {1250, 7.5, 2, 9.5, 10, 0},
      {1500, 7.0, 3, 10.0, 10, 2},
      {1750, 7.5, 2, 9.5, 10, 5},
      {2000, 7.0, 3, 10.0, 7, 0},
      {2500, 6.5, 3, 9.5, 7, 3},
    };
    for (double[] row : rows) {
      long millis = (long) row[0];
      long offset = millis % 1000;
      clock.atMillis(millis);
      String state =
          String.format(
              "at %d ms (window %d, %d ms in, so the previous window weighs %s), prev = %d and"
                  + " curr = %d",
              millis,
              1000 + millis / 1000,
              offset,
              (1000 - offset) / 1000.0,
              (long) row[4],
              (long) row[5]);
      assertThat(limiter.estimate())
          .as(
              "estimate() %s: prev × (W − e) / W + curr = %d × %s + %d (a new window moves curr"
                  + " into prev first)",
              state, (long) row[4], (1000 - offset) / 1000.0, (long) row[5])
          .isCloseTo(row[1], within(1e-9));
      assertThat(burst(limiter, millis, 5))
          .as(
              "requests admitted of 5 tryAcquire() %s, limit 10: each is admitted while estimate"
                  + " + 1 ≤ 10, so %d fit",
              state, (long) row[2], (long) row[2])
          .isEqualTo((int) row[2]);
      assertThat(limiter.estimate())
          .as("estimate() at %d ms after those requests", millis)
          .isCloseTo(row[3], within(1e-9));
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("the boundary burst a fixed window allows is refused: 100 + 9, not 100 + 100")
  void boundaryBurst() {
    var limiter = limiter(100);
    assertThat(burst(limiter, 990, 100))
        .as("tryAcquire() 100 times at 990 ms, limit 100 per 1 s")
        .isEqualTo(100);
    List<Long> admittedAt = new ArrayList<>();
    for (long millis = 1000; millis < 1100; millis++) {
      if (burst(limiter, millis, 1) == 1) {
        admittedAt.add(millis);
      }
    }
    assertThat(admittedAt)
        .as(
            "instants (ms) admitted when one request arrives every millisecond from 1000 to 1099"
                + " ms, right after 100 were admitted at 990 ms. A fixed window admits all 100"
                + " (200 in 110 ms). Here the 100 of the previous window still weigh 100 × (1000 −"
                + " k) / 1000 at 1000 + k ms, so the n-th request fits only from k = 10·n: the"
                + " contract's bound is 100 × (1 + 0.1) = 110 in the span")
        .hasSize(9);
  }

  @Test
  @Tag("task:4")
  @DisplayName("a window two or more on starts from zero: the window just before it was empty")
  void movedByTwo() {
    var limiter = limiter(10);
    assertThat(burst(limiter, 900, 10)).as("tryAcquire() 10 times at 900 ms").isEqualTo(10);
    clock.atMillis(2100);
    assertThat(limiter.estimate())
        .as(
            "estimate() at 2100 ms, after 10 admitted at 900 ms and nothing since: the clock is"
                + " two windows on, so the window before the current one (1000..1999 ms) had 0,"
                + " not 10; prev must be 0, not the old curr")
        .isCloseTo(0.0, within(1e-9));
    assertThat(burst(limiter, 2100, 15))
        .as("tryAcquire() 15 times at 2100 ms, two windows after the last request")
        .isEqualTo(10);
  }

  @Test
  @Tag("task:4")
  @DisplayName("one window on the previous count still weighs; an hour idle forgets everything")
  void oneWindowOnAndLongIdle() {
    var limiter = limiter(10);
    assertThat(burst(limiter, 900, 10)).as("tryAcquire() 10 times at 900 ms").isEqualTo(10);
    clock.atMillis(1999);
    assertThat(limiter.estimate())
        .as("estimate() at 1999 ms: 10 × 1/1000 of the previous window left + 0")
        .isCloseTo(0.01, within(1e-9));
    assertThat(burst(limiter, 1999, 15))
        .as("tryAcquire() 15 times at 1999 ms: 0.01 + n ≤ 10 admits 9")
        .isEqualTo(9);
    clock.atMillis(3_601_999);
    assertThat(limiter.estimate())
        .as("estimate() an hour later, 999 ms into its window: both counts are stale, so 0")
        .isCloseTo(0.0, within(1e-9));
    assertThat(burst(limiter, 3_601_999, 15))
        .as("tryAcquire() 15 times an hour later: a fresh limit of 10")
        .isEqualTo(10);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2024})
  @Tag("task:5")
  @DisplayName("seeded random traffic: every decision follows the formula, every span the bound")
  void randomTraffic(long seed) {
    int limit = 20;
    var random = new SplittableRandom(seed);
    var limiter = limiter(limit);
    Model model = new Model(limit);
    List<Long> admitted = new ArrayList<>();
    long t = BASE;
    for (int i = 0; i < 3_000; i++) {
      // bursts and pauses: mostly gaps up to 30 ms, sometimes up to 3 s; any nanosecond
      t += random.nextInt(10) == 0 ? random.nextLong(3 * W) : random.nextLong(30 * MS);
      clock.nanos = t;
      String before = model.describe(t);
      boolean expected = model.tryAcquire(t);
      boolean actual = limiter.tryAcquire();
      assertThat(actual)
          .as(
              "seed %d, request #%d at %,d ns after the start: %s, limit %d; tryAcquire() must"
                  + " return %s",
              seed, i + 1, t - BASE, before, limit, expected)
          .isEqualTo(expected);
      if (actual) {
        admitted.add(t);
      }
    }
    for (int j = 0, i = 0; j < admitted.size(); j++) {
      long end = admitted.get(j);
      while (admitted.get(i) <= end - W) {
        i++;
      }
      long e = Math.floorMod(end, W);
      long bound = limit + Math.floorDiv(limit * e, W);
      assertThat(j - i + 1)
          .as(
              "seed %d: admitted requests in the 1 s span ending at %,d ns, %,d ns into its"
                  + " window: at most limit × (1 + e / W) = %d",
              seed, end - BASE, e, bound)
          .isLessThanOrEqualTo((int) bound);
    }
  }

  /** The contract's formula, in exact integers. */
  private static final class Model {
    private final long limit;
    private long window = Long.MIN_VALUE;
    private long prev;
    private long curr;

    Model(long limit) {
      this.limit = limit;
    }

    private void roll(long now) {
      long index = Math.floorDiv(now, W);
      if (index != window) {
        prev = index == window + 1 ? curr : 0;
        curr = 0;
        window = index;
      }
    }

    String describe(long now) {
      roll(now);
      long e = Math.floorMod(now, W);
      return String.format(
          "%,d ns into its window, prev = %d, curr = %d, estimate %d × %.6f + %d = %.6f",
          e, prev, curr, prev, (W - e) / (double) W, curr, prev * (W - e) / (double) W + curr);
    }

    boolean tryAcquire(long now) {
      roll(now);
      long remaining = W - Math.floorMod(now, W);
      if ((curr + 1) * W + prev * remaining > limit * W) {
        return false;
      }
      curr++;
      return true;
    }
  }
}
