package dev.prep.network.limit;

import java.util.function.LongSupplier;

/**
 * A clock that moves only when told to: nanoseconds, like {@link System#nanoTime()}, but virtual,
 * so a limiter's decisions depend on the traffic and never on how fast the machine is. Not
 * thread-safe.
 */
public final class FakeClock implements LongSupplier {

  private long nanos;

  /** A clock reading 0. */
  public FakeClock() {}

  @Override
  public long getAsLong() {
    return nanos;
  }

  /** The current reading in whole milliseconds. */
  public long millis() {
    return nanos / 1_000_000;
  }

  /** Moves the clock to {@code millis} milliseconds; it never goes back. */
  public void setMillis(long millis) {
    setNanos(millis * 1_000_000);
  }

  /** Moves the clock to {@code nanos}; it never goes back. */
  public void setNanos(long nanos) {
    if (nanos < this.nanos) {
      throw new IllegalArgumentException(
          "a clock does not go back: " + nanos + " ns < " + this.nanos + " ns");
    }
    this.nanos = nanos;
  }

  /** Moves the clock forward by {@code millis} milliseconds. */
  public void advanceMillis(long millis) {
    setNanos(nanos + millis * 1_000_000);
  }
}
