package dev.prep.network.limit;

import java.util.function.LongSupplier;

/**
 * Sliding-window counter (滑动窗口计数): two fixed-window counters, the current window's and the previous
 * one's, blended as if the previous window's requests had been spread evenly over it. At {@code e}
 * nanoseconds into the current window the estimate of the last window-long span is {@code prev × (W
 * − e) / W + curr}, and a request passes if counting it keeps the estimate at or below the limit:
 * {@code (curr + 1) × W + prev × (W − e) ≤ limit × W}, in exact integers.
 *
 * <p>Three numbers per key, like a fixed window, and no 2 × limit burst at a boundary: right after
 * a boundary the previous window still weighs almost fully. It is an estimate, though: a span that
 * ends {@code e} into the current window holds at most {@code limit × (1 + e / W)} admitted
 * requests, which approaches 2 × limit only when the previous window's requests all came at its
 * very end.
 */
public final class SlidingWindowCounterLimiter implements RateLimiter {

  private final long limit;
  private final long windowNanos;
  private final LongSupplier clock;
  private long window = Long.MIN_VALUE;
  private long previous;
  private long current;

  /** About {@code limit} requests per sliding window of {@code windowNanos}. */
  public SlidingWindowCounterLimiter(int limit, long windowNanos, LongSupplier clock) {
    if (limit < 1 || windowNanos < 1) {
      throw new IllegalArgumentException("limit and window must be positive");
    }
    this.limit = limit;
    this.windowNanos = windowNanos;
    this.clock = clock;
  }

  @Override
  public boolean tryAcquire() {
    long now = clock.getAsLong();
    long index = Math.floorDiv(now, windowNanos);
    if (index != window) {
      // one window on: the current count becomes the previous one; further: both are stale
      previous = index == window + 1 ? current : 0;
      current = 0;
      window = index;
    }
    long remaining = windowNanos - Math.floorMod(now, windowNanos); // W − e
    if ((current + 1) * windowNanos + previous * remaining > limit * windowNanos) {
      return false;
    }
    current++;
    return true;
  }

  @Override
  public int storedNumbers() {
    return 3;
  }

  @Override
  public String name() {
    return "sliding counter";
  }
}
