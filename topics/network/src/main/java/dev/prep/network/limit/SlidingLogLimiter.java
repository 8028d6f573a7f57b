package dev.prep.network.limit;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Sliding log (滑动日志): the time of every admitted request in the last window; a request passes if
 * fewer than {@code limit} are logged in {@code (now − window, now]}. Exact, and the only one of
 * the five that never lets more than {@code limit} through in any window-long span, at the price of
 * {@code limit} timestamps per key. In Redis: a sorted set per key, {@code ZREMRANGEBYSCORE} to
 * drop old entries, {@code ZCARD} to count, {@code ZADD} to log, in one Lua script.
 */
public final class SlidingLogLimiter implements RateLimiter {

  private final int limit;
  private final long windowNanos;
  private final LongSupplier clock;
  private final ArrayDeque<Long> log = new ArrayDeque<>();

  /** At most {@code limit} requests in any span of {@code windowNanos}. */
  public SlidingLogLimiter(int limit, long windowNanos, LongSupplier clock) {
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
    while (!log.isEmpty() && log.peekFirst() <= now - windowNanos) {
      log.pollFirst(); // the oldest entry has slid out of the window
    }
    if (log.size() == limit) {
      return false; // refused requests are not logged: only admitted ones count
    }
    log.addLast(now);
    return true;
  }

  @Override
  public int storedNumbers() {
    return log.size();
  }

  @Override
  public String name() {
    return "sliding log";
  }
}
