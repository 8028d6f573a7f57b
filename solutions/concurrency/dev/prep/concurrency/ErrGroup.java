package dev.prep.concurrency;

import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Go's {@code golang.org/x/sync/errgroup} in Java: run tasks on their own threads, wait for all of
 * them, and get back the first error — while the others are told to stop through a shared {@link
 * Context}.
 *
 * <pre>{@code
 * var group = ErrGroup.withContext(Context.background());
 * group.setLimit(4);                                 // at most 4 tasks at once
 * for (var url : urls) {
 *   group.go(ctx -> fetch(ctx, url));                // fetch should give up once ctx.err() != null
 * }
 * Exception first = group.await();                   // Go: if err := g.Wait(); err != nil
 * }</pre>
 *
 * <p>As in Go: the first task to throw cancels the group's context, so the siblings that watch it
 * can stop early; later errors are dropped; {@link #await()} joins <em>every</em> task before it
 * returns, whether they failed or not, and then cancels the context for good so it never leaks.
 * Java's nearest relative is {@code StructuredTaskScope} (preview in JDK 25), which interrupts the
 * siblings instead of cancelling a context. Safe for use by many threads; a task may call {@code go}.
 */
public final class ErrGroup {

  /** A unit of work: it receives the group's context and may throw to report an error. */
  @FunctionalInterface
  public interface Task {
    void run(Context context) throws Exception;
  }

  private final Context context;
  private final Runnable cancel;
  private final Object lock = new Object();
  private int running; // guarded by lock: tasks started and not yet finished
  private Exception firstError; // guarded by lock
  private Semaphore slots; // guarded by lock; null means no limit

  private ErrGroup(Context.Cancelable cancelable) {
    this.context = cancelable.context();
    this.cancel = cancelable.cancel();
  }

  /** A group whose context is a child of {@code parent}, cancelled by the first error. */
  public static ErrGroup withContext(Context parent) {
    // The group owns its own cancel: the parent's work must never be cancelled by our failure.
    return new ErrGroup(Context.withCancel(Objects.requireNonNull(parent, "parent")));
  }

  /** The context every task receives: done once a task fails or {@link #await()} returns. */
  public Context context() {
    return context;
  }

  /**
   * Allows at most {@code n} tasks to run at once; {@link #go} then blocks until a slot is free. A
   * negative {@code n} means no limit, the default.
   *
   * @throws GoPanic if tasks are running: Go panics rather than change a limit in use
   */
  public void setLimit(int n) {
    synchronized (lock) {
      // Go panics too: a new semaphore under running tasks would never get their releases.
      if (running > 0) {
        throw new GoPanic(
            "errgroup: modify limit while " + running + " goroutines in the group are still active");
      }
      slots = n < 0 ? null : new Semaphore(n);
    }
  }

  /**
   * Runs {@code task} on a new thread, with the group's context. Blocks first while the limit's
   * slots are all taken.
   *
   * @throws InterruptedException if interrupted while waiting for a slot (the task does not run)
   */
  public void go(Task task) throws InterruptedException {
    Objects.requireNonNull(task, "task");
    Semaphore limit;
    synchronized (lock) {
      limit = slots;
    }
    // Take the slot in the caller, not in the task: that is what makes go() block at the limit.
    if (limit != null) {
      limit.acquire();
    }
    synchronized (lock) {
      // Count before the thread exists, or await() could return before the task even started.
      running++;
    }
    Thread.ofPlatform().name("errgroup-task").start(() -> runTask(task, limit));
  }

  /**
   * Waits for every task to finish, then cancels the context.
   *
   * @return the first exception a task threw, or null if none did
   * @throws InterruptedException if interrupted while waiting; the tasks keep running
   */
  public Exception await() throws InterruptedException {
    synchronized (lock) {
      // A loop, not an if: wake-ups are only hints, running == 0 is the fact.
      while (running > 0) {
        lock.wait();
      }
    }
    // Go's Wait cancels too, so the derived context is released even when all went well.
    cancel.run();
    synchronized (lock) {
      return firstError;
    }
  }

  private void runTask(Task task, Semaphore limit) {
    try {
      task.run(context);
    } catch (Exception e) {
      fail(e);
    } finally {
      // Failed or not, the task frees its slot and is counted out, or go() and await() hang.
      if (limit != null) {
        limit.release();
      }
      synchronized (lock) {
        running--;
        if (running == 0) {
          lock.notifyAll();
        }
      }
    }
  }

  private void fail(Exception e) {
    boolean first;
    synchronized (lock) {
      first = firstError == null;
      // Only the first error is kept: later ones are usually just reactions to the cancel.
      if (first) {
        firstError = e;
      }
    }
    if (first) {
      cancel.run();
    }
  }
}
