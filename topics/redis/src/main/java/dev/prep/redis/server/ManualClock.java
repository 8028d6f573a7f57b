package dev.prep.redis.server;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when told to: expiry and eviction tests without sleeping. */
public final class ManualClock implements InstantSource {
  private volatile long millis;

  public ManualClock(long startMillis) {
    this.millis = startMillis;
  }

  /** Starts at 2026-01-01T00:00:00Z, an arbitrary fixed point. */
  public ManualClock() {
    this(1_767_225_600_000L);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public long millis() {
    return millis;
  }

  public synchronized void advance(Duration d) {
    millis += d.toMillis();
  }

  public synchronized void advanceMillis(long ms) {
    millis += ms;
  }

  public void set(long epochMillis) {
    millis = epochMillis;
  }
}
