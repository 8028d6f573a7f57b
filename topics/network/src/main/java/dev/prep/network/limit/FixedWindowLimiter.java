package dev.prep.network.limit;

import java.util.function.LongSupplier;

/**
 * Fixed window (固定窗口): one counter per window of {@code windowNanos}, windows aligned to the clock
 * ({@code now / window}), reset when the next window starts. Two numbers per key (the window's
 * number and its count), which is what Redis's INCR + EXPIRE pattern stores: one key per window
 * with a counter and a time to live (redis.io, INCR, "Pattern: Rate limiter").
 *
 * <p>Its flaw: a window only counts its own requests, so {@code limit} requests at the end of one
 * window and {@code limit} more at the start of the next all pass, 2 × limit in a span as short as
 * you like.
 */
public final class FixedWindowLimiter implements RateLimiter {

  private final int limit;
  private final long windowNanos;
  private final LongSupplier clock;
  private long window = Long.MIN_VALUE;
  private int count;

  /** At most {@code limit} requests per window of {@code windowNanos}. */
  public FixedWindowLimiter(int limit, long windowNanos, LongSupplier clock) {
    if (limit < 1 || windowNanos < 1) {
      throw new IllegalArgumentException("limit and window must be positive");
    }
    this.limit = limit;
    this.windowNanos = windowNanos;
    this.clock = clock;
  }

  @Override
  public boolean tryAcquire() {
    long now = Math.floorDiv(clock.getAsLong(), windowNanos);
    if (now != window) { // a new window: the old count is simply forgotten
      window = now;
      count = 0;
    }
    if (count == limit) {
      return false;
    }
    count++;
    return true;
  }

  @Override
  public int storedNumbers() {
    return 2;
  }

  @Override
  public String name() {
    return "fixed window";
  }
}
