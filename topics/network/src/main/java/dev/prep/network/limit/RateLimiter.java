package dev.prep.network.limit;

/**
 * One key's rate limiter: decides, at the clock's current instant, whether a request may pass.
 * Implementations are single-threaded teaching models (the exercises are the thread-safe ones).
 */
public interface RateLimiter {

  /**
   * Whether a request arriving now is admitted; an admitted request is counted against the limit.
   */
  boolean tryAcquire();

  /**
   * How many numbers this limiter keeps for its key right now (timestamps, counters, clocks): the
   * memory a per-user limiter costs per user.
   */
  int storedNumbers();

  /** A short name for tables, such as {@code "token bucket"}. */
  String name();
}
