/**
 * The course's five rate limiters (限流), each for one key, on an injected clock: {@link
 * FixedWindowLimiter} (固定窗口), {@link SlidingLogLimiter} (滑动日志), {@link SlidingWindowCounterLimiter}
 * (滑动窗口计数), {@link TokenBucketLimiter} (令牌桶) and {@link LeakyBucketLimiter} (漏桶, as a queue). Time
 * comes from a {@code LongSupplier} of nanoseconds, a {@link FakeClock} in the demo, notebook and
 * tests, so every run is the same.
 */
package dev.prep.network.limit;
