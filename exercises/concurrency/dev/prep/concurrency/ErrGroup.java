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
    // TODO: derive a cancelable child of parent for the group; the group keeps its context and cancel
    throw new UnsupportedOperationException("TODO: withContext");
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
    // TODO: panic if tasks are running; otherwise a negative n means no limit, else n slots
    throw new UnsupportedOperationException("TODO: setLimit");
  }

  /**
   * Runs {@code task} on a new thread, with the group's context. Blocks first while the limit's
   * slots are all taken.
   *
   * @throws InterruptedException if interrupted while waiting for a slot (the task does not run)
   */
  public void go(Task task) throws InterruptedException {
    // TODO: take a slot (blocking) if there is a limit, count the task as running, start a thread that runs it
    throw new UnsupportedOperationException("TODO: go");
  }

  /**
   * Waits for every task to finish, then cancels the context.
   *
   * @return the first exception a task threw, or null if none did
   * @throws InterruptedException if interrupted while waiting; the tasks keep running
   */
  public Exception await() throws InterruptedException {
    // TODO: block until no task is running, cancel the context, return the first error (or null)
    throw new UnsupportedOperationException("TODO: await");
  }

  private void runTask(Task task, Semaphore limit) {
    // TODO: run the task with the context; an exception goes to fail; always free the slot and count the task out
    throw new UnsupportedOperationException("TODO: runTask");
  }

  private void fail(Exception e) {
    // TODO: keep e only if it is the first error, and then cancel the context
    throw new UnsupportedOperationException("TODO: fail");
  }
}
