package dev.prep.network;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A sliding-window counter (滑动窗口计数) rate limiter for one key: about {@code limit} requests
 * per sliding window of length {@code W}, kept with two counters instead of a log of timestamps.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>Windows are fixed and aligned to the clock: a reading of {@code t} nanoseconds falls in
 *       window number {@code floorDiv(t, W)}, at {@code e = floorMod(t, W)} nanoseconds into it
 *       (so windows do not start at the first request or at construction).
 *   <li>The limiter counts the requests it admitted in the current window ({@code curr}) and in
 *       the window just before it ({@code prev}). When a call finds the clock in a later window,
 *       the counts move first: one window on, {@code prev = curr} and {@code curr = 0}; two or more
 *       windows on (a long idle gap), both are 0, because the window just before is empty.
 *   <li>{@link #estimate()} is the request count of the last window-long span, assuming the
 *       previous window's requests were spread evenly over it: {@code prev × (W − e) / W + curr}.
 *   <li>{@link #tryAcquire()} admits a request (and counts it in {@code curr}) if counting it keeps
 *       the estimate at or below the limit, {@code prev × (W − e) / W + curr + 1 ≤ limit}, else
 *       refuses it and counts nothing. In exact integers: {@code (curr + 1) × W + prev × (W − e) ≤
 *       limit × W}.
 *   <li>What that promises: inside one window at most {@code limit} are admitted; a span of length
 *       at most {@code W} that starts in one window and ends {@code e} nanoseconds into the next
 *       holds at most {@code limit × (1 + e / W)} admitted requests. So a fixed window's boundary
 *       burst (limit just before a boundary, limit just after) is cut to about {@code limit × (1 +
 *       e / W)}: 1.1 × limit over the first tenth of the new window. The bound nears 2 × limit only
 *       as {@code e} nears {@code W}, when the previous window's requests all came at its end: the
 *       even-spread assumption is what makes this an estimate.
 *   <li>Time comes only from {@code nanoClock}. One thread at a time (no locking required).
 * </ul>
 *
 * <p>Cloudflare described this scheme in "How we built rate limiting capable of scaling to
 * millions of domains" (2017); Redis-based limiters store the two counters as two keys.
 */
public final class SlidingWindowCounter {

  private final long limit;
  private final long windowNanos;
  private final LongSupplier nanoClock;
  // TODO: the state: the current window's number and the two counts (prev, curr)

  /**
   * An empty limiter.
   *
   * @param limit the most requests per window, at least 1
   * @param window the window length W, positive
   * @param nanoClock monotonic nanoseconds, like {@code System::nanoTime}
   * @throws IllegalArgumentException if limit or window is out of range
   */
  public SlidingWindowCounter(int limit, Duration window, LongSupplier nanoClock) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Admits a request now if counting it keeps the estimate at or below the limit.
   *
   * @return whether the request was admitted (and counted)
   */
  public boolean tryAcquire() {
    // TODO: move the windows, then admit and count the request if the estimate stays <= limit
    throw new UnsupportedOperationException("TODO: tryAcquire");
  }

  /** The weighted count now: {@code prev × (W − e) / W + curr}, after moving the windows. */
  public double estimate() {
    // TODO: move the windows, then weigh prev by the part of the sliding window it still covers
    throw new UnsupportedOperationException("TODO: estimate");
  }
}
