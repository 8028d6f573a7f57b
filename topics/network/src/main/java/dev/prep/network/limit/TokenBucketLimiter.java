package dev.prep.network.limit;

import java.util.function.LongSupplier;

/**
 * Token bucket (令牌桶): a bucket of at most {@code capacity} tokens, refilled at {@code
 * tokensPerSecond}; a request takes one token or is refused. It starts full, so after a quiet spell
 * up to {@code capacity} requests pass at once (the burst), and over a long run the rate is {@code
 * tokensPerSecond}. The refill is computed from the elapsed time when a request comes (no timer).
 *
 * <p>This version counts in nano-tokens (one token is 10⁹ units, and each nanosecond adds {@code
 * tokensPerSecond} units), so every fraction of a token is kept exactly in a {@code long}. Guava's
 * {@code RateLimiter} is a token bucket too, with its own smoothing.
 */
public final class TokenBucketLimiter implements RateLimiter {

  private static final long UNITS_PER_TOKEN = 1_000_000_000L;

  private final long capacityUnits;
  private final long tokensPerSecond;
  private final LongSupplier clock;
  private long units;
  private long refilledAt;

  /** A full bucket of {@code capacity} tokens refilled at {@code tokensPerSecond}. */
  public TokenBucketLimiter(int capacity, int tokensPerSecond, LongSupplier clock) {
    if (capacity < 1 || tokensPerSecond < 1) {
      throw new IllegalArgumentException("capacity and rate must be positive");
    }
    this.capacityUnits = capacity * UNITS_PER_TOKEN;
    this.tokensPerSecond = tokensPerSecond;
    this.clock = clock;
    this.units = capacityUnits;
    this.refilledAt = clock.getAsLong();
  }

  @Override
  public boolean tryAcquire() {
    long now = clock.getAsLong();
    // the time to fill an empty bucket bounds the product below, so it cannot overflow
    long elapsed = Math.min(now - refilledAt, capacityUnits / tokensPerSecond + 1);
    units = Math.min(capacityUnits, units + elapsed * tokensPerSecond);
    refilledAt = now;
    if (units < UNITS_PER_TOKEN) {
      return false;
    }
    units -= UNITS_PER_TOKEN;
    return true;
  }

  /** Whole tokens in the bucket as of the last request. */
  public long tokens() {
    return units / UNITS_PER_TOKEN;
  }

  @Override
  public int storedNumbers() {
    return 2;
  }

  @Override
  public String name() {
    return "token bucket";
  }
}
