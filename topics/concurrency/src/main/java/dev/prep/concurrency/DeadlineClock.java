package dev.prep.concurrency;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The two things a {@code Context} needs from time: what time it is, and a way to run something
 * when a deadline arrives — Go's {@code time.Now} and {@code time.AfterFunc}, which {@code
 * context.WithDeadline} uses to cancel itself (go1.19 {@code src/context/context.go}, {@code
 * WithDeadline}).
 *
 * <p>{@link #system()} is the real clock. Graders and notebooks use a {@link ManualClock} instead,
 * so that a deadline fires exactly when the test says {@code advance(...)} and never because a
 * machine happened to be slow.
 */
public interface DeadlineClock {

  /** The current instant on this clock. */
  Instant now();

  /**
   * Runs {@code action} once, when this clock reaches {@code when} (at once, or on the next tick,
   * if {@code when} has already passed).
   *
   * @return a handle whose {@link Timer#stop()} prevents the action if it has not run yet
   */
  Timer afterFunc(Instant when, Runnable action);

  /** Go's {@code *time.Timer} as {@code AfterFunc} returns it: something that can be stopped. */
  @FunctionalInterface
  interface Timer {
    /**
     * Prevents the action from running.
     *
     * @return true if this call stopped it; false if it had already run or been stopped
     */
    boolean stop();
  }

  /**
   * The wall clock. Timers run on one shared daemon thread, {@code prep-deadline-timer}, started
   * the first time a deadline is set; a stopped timer is removed from its queue at once.
   */
  static DeadlineClock system() {
    return SystemDeadlineClock.INSTANCE;
  }

  /** The wall clock behind {@link #system()}. */
  final class SystemDeadlineClock implements DeadlineClock {
    private static final SystemDeadlineClock INSTANCE = new SystemDeadlineClock();

    private SystemDeadlineClock() {}

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public Timer afterFunc(Instant when, Runnable action) {
      long nanos = Math.max(0, Duration.between(Instant.now(), when).toNanos());
      ScheduledFuture<?> future = Scheduler.EXECUTOR.schedule(action, nanos, TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }

    /** Holder: the thread exists only once somebody sets a real deadline. */
    private static final class Scheduler {
      private static final ScheduledExecutorService EXECUTOR = create();

      private static ScheduledExecutorService create() {
        var executor =
            new ScheduledThreadPoolExecutor(
                1,
                runnable ->
                    Thread.ofPlatform()
                        .name("prep-deadline-timer")
                        .daemon(true)
                        .unstarted(runnable));
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
      }
    }
  }
}
