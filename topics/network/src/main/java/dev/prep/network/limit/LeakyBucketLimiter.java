package dev.prep.network.limit;

import java.util.function.LongSupplier;

/**
 * Leaky bucket (漏桶) as a queue: admitted requests wait in a bucket of {@code capacity} and leak out
 * to the service at a constant {@code perSecond}, one every {@code 1 s / perSecond}; a request that
 * finds the bucket full is refused. Unlike a token bucket it never passes a burst on: it delays it,
 * so the service sees an even stream. That is Nginx's {@code limit_req} (whose {@code burst} is the
 * queue; {@code nodelay} turns the delay off).
 *
 * <p>Because requests leave at a fixed spacing, the queue needs no list: the time the last admitted
 * request leaves says how many are still waiting. {@link #storedNumbers} counts that one number
 * plus the requests a real queue would hold.
 */
public final class LeakyBucketLimiter implements RateLimiter {

  private final int capacity;
  private final long spacingNanos;
  private final LongSupplier clock;
  private long lastLeavesAt = Long.MIN_VALUE;

  /** A bucket holding {@code capacity} requests, leaking {@code perSecond} requests a second. */
  public LeakyBucketLimiter(int capacity, int perSecond, LongSupplier clock) {
    if (capacity < 1 || perSecond < 1 || perSecond > 1_000_000_000) {
      throw new IllegalArgumentException("capacity and rate must be positive, rate at most 10^9/s");
    }
    this.capacity = capacity;
    this.spacingNanos = 1_000_000_000L / perSecond;
    this.clock = clock;
  }

  @Override
  public boolean tryAcquire() {
    long now = clock.getAsLong();
    if (inBucket(now) == capacity) {
      return false;
    }
    // the outflow is steady: one spacing after the request ahead of it, at once if that is past
    lastLeavesAt =
        lastLeavesAt == Long.MIN_VALUE ? now : Math.max(now, lastLeavesAt + spacingNanos);
    return true;
  }

  /** When the last admitted request reaches the service (clock nanoseconds). */
  public long lastLeavesAt() {
    return lastLeavesAt;
  }

  /** Requests admitted and not yet passed on at {@code now} (one leaving exactly now counts). */
  private long inBucket(long now) {
    return lastLeavesAt < now ? 0 : (lastLeavesAt - now) / spacingNanos + 1;
  }

  @Override
  public int storedNumbers() {
    return 1 + (int) inBucket(clock.getAsLong());
  }

  @Override
  public String name() {
    return "leaky bucket";
  }
}
