package dev.prep.network;

import java.util.function.LongSupplier;

/**
 * A token bucket (令牌桶) rate limiter for one key: at most {@code capacity} tokens, refilled
 * continuously at {@code tokensPerSecond}; each admitted request takes its permits out of the
 * bucket. After a quiet spell up to {@code capacity} permits pass at once (the burst); over a long
 * run the rate is {@code tokensPerSecond}.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>The bucket starts full: {@code capacity} tokens, the clock read once in the constructor.
 *   <li>Refill is lazy: no thread, no timer. On each call, read {@code nanoClock} once and add
 *       {@code elapsedNanos × tokensPerSecond / 10⁹} tokens for the time since the last refill,
 *       fractions included (3 tokens a second, refilled every 0.7 ms, must still add 3 tokens a
 *       second), never more than {@code capacity} in the bucket.
 *   <li>{@link #tryAcquire(int)} is all or nothing: if at least {@code permits} tokens are there it
 *       takes them and returns {@code true}; otherwise it takes none and returns {@code false}.
 *   <li>{@code permits} must be between 1 and {@code capacity}: a request for more than the bucket
 *       can ever hold would be refused forever, so it is a caller's bug and throws {@link
 *       IllegalArgumentException} instead of quietly returning {@code false}.
 *   <li>Thread-safe: under any number of threads, the permits granted never exceed {@code capacity}
 *       plus what the clock's advance refilled.
 *   <li>Time comes only from {@code nanoClock} (monotonic nanoseconds, like {@link
 *       System#nanoTime()}), never from the system clock, so tests can drive it.
 * </ul>
 *
 * <p>This is the token bucket of Guava's {@code RateLimiter} ({@code SmoothBursty}) without the
 * waiting; the refill-on-demand arithmetic is also how Bucket4j works.
 */
public final class TokenBucket {

  private final long capacity;
  private final double tokensPerSecond;
  private final LongSupplier nanoClock;
  private double tokens;
  private long refilledAt;

  /**
   * A full bucket.
   *
   * @param capacity the most tokens the bucket holds (the burst), at least 1
   * @param tokensPerSecond the refill rate, positive and finite
   * @param nanoClock monotonic nanoseconds, like {@code System::nanoTime}
   * @throws IllegalArgumentException if capacity or rate is out of range
   */
  public TokenBucket(long capacity, double tokensPerSecond, LongSupplier nanoClock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
      throw new IllegalArgumentException(
          "tokensPerSecond must be positive and finite, was " + tokensPerSecond);
    }
    this.capacity = capacity;
    this.tokensPerSecond = tokensPerSecond;
    this.nanoClock = nanoClock;
    // a new bucket is full, so the first burst of up to capacity passes
    this.tokens = capacity;
    this.refilledAt = nanoClock.getAsLong();
  }

  /** Takes one token if there is one: {@code tryAcquire(1)}. */
  public boolean tryAcquire() {
    return tryAcquire(1);
  }

  /**
   * Takes {@code permits} tokens if the bucket holds that many after refilling, else none.
   *
   * @return whether the permits were granted
   * @throws IllegalArgumentException if {@code permits < 1} or {@code permits > capacity}
   */
  public synchronized boolean tryAcquire(int permits) {
    if (permits < 1 || permits > capacity) {
      throw new IllegalArgumentException(
          "permits must be between 1 and the capacity " + capacity + ", was " + permits);
    }
    // refill and take under one lock: check-then-act on shared tokens must be atomic
    refill();
    if (tokens < permits) {
      return false;
    }
    tokens -= permits;
    return true;
  }

  /** The tokens in the bucket now, after refilling, fractions included. */
  public synchronized double availableTokens() {
    refill();
    return tokens;
  }

  private void refill() {
    long now = nanoClock.getAsLong();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      // a double keeps the fraction of a token, so many tiny steps add up to the full rate
      tokens = Math.min(capacity, tokens + elapsed * tokensPerSecond / 1e9);
      refilledAt = now;
    }
  }
}
