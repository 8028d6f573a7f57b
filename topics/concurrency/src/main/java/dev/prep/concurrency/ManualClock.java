package dev.prep.concurrency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A clock that moves only when told to: {@link #advance(Duration)} moves time forward and runs
 * every timer that has come due, in deadline order, synchronously on the calling thread, before it
 * returns. Tests of deadlines and timeouts therefore need no sleeps and never flake: after {@code
 * clock.advance(Duration.ofSeconds(2))} a context with a one-second timeout <em>is</em> cancelled.
 *
 * <p>The same idea as Go 1.25's {@code testing/synctest} fake clock, made explicit. Thread-safe;
 * timers scheduled at the same instant run in the order they were scheduled.
 */
public final class ManualClock implements DeadlineClock {

  private final Object lock = new Object();
  private final PriorityQueue<PendingTimer> timers =
      new PriorityQueue<>(
          Comparator.comparing(PendingTimer::when).thenComparingLong(PendingTimer::sequence));
  private Instant now;
  private long sequence;

  /** A clock reading {@code start}. */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** A clock reading 2000-01-01T00:00:00Z, so printed instants are easy to read. */
  public ManualClock() {
    this(Instant.parse("2000-01-01T00:00:00Z"));
  }

  @Override
  public Instant now() {
    synchronized (lock) {
      return now;
    }
  }

  @Override
  public Timer afterFunc(Instant when, Runnable action) {
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(action, "action");
    synchronized (lock) {
      PendingTimer timer = new PendingTimer(when, sequence++, action);
      timers.add(timer);
      return () -> {
        synchronized (lock) {
          return timers.remove(timer);
        }
      };
    }
  }

  /**
   * Moves time forward by {@code step}, then runs each timer due by the new time (including ones
   * that were already overdue), outside the clock's lock so an action may set or stop timers.
   *
   * @throws IllegalArgumentException if {@code step} is negative: time does not run backwards
   */
  public void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back in time: advance(" + step + ")");
    }
    synchronized (lock) {
      now = now.plus(step);
    }
    for (PendingTimer due = nextDue(); due != null; due = nextDue()) {
      due.action().run();
    }
  }

  /** How many timers are set and have neither run nor been stopped. */
  public int pendingTimers() {
    synchronized (lock) {
      return timers.size();
    }
  }

  /** The instants of the pending timers, earliest first. */
  public List<Instant> pendingDeadlines() {
    synchronized (lock) {
      List<PendingTimer> sorted = new ArrayList<>(timers);
      sorted.sort(timers.comparator());
      return sorted.stream().map(PendingTimer::when).toList();
    }
  }

  private PendingTimer nextDue() {
    synchronized (lock) {
      PendingTimer head = timers.peek();
      return head != null && !head.when().isAfter(now) ? timers.poll() : null;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "ManualClock[now=" + now + ", pending=" + timers.size() + "]";
    }
  }

  private record PendingTimer(Instant when, long sequence, Runnable action) {}
}
