package dev.prep.concurrency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Go's {@code context.Context} in Java (go1.19 {@code src/context/context.go}): a value passed down
 * a call tree that carries a cancellation signal, an optional deadline and request-scoped values.
 *
 * <p>Contexts form a tree. {@link #background()} is the root; {@link #withCancel}, {@link
 * #withDeadline}, {@link #withTimeout} and {@link #withValue} derive a child. Cancellation flows
 * <em>down</em> only: cancelling a context cancels every context derived from it, never its parent
 * or siblings. A child of a context that is already cancelled is born cancelled, and a child's
 * deadline can only be earlier than its parent's, never later.
 *
 * <pre>{@code
 * var clock = new ManualClock();
 * var root = Context.background(clock);
 * var request = Context.withTimeout(root, Duration.ofSeconds(2));   // request.cancel().run() when done
 * var step = Context.withCancel(request.context());
 * clock.advance(Duration.ofSeconds(3));
 * step.context().err();        // DEADLINE_EXCEEDED, inherited from request
 * root.err();                  // null: cancellation never flows up
 * }</pre>
 *
 * <p><b>Why there is no {@code cancel()} method here.</b> A function that receives a context is a
 * callee; it must not be able to cancel its caller's work. So, as in Go, the power to cancel is
 * handed only to whoever derives a context — {@link Cancelable#cancel()} — and is not part of the
 * context itself. ("A Context does not have a Cancel method for the same reason the Done channel is
 * receive-only: the function receiving a cancelation signal is usually not the one that sends the
 * signal." — the Go blog, "Go Concurrency Patterns: Context", 2014.)
 *
 * <p>Whoever derives a cancelable context must call its {@code cancel} once the work is done, even
 * on success: until then the parent keeps a reference to the child (and a deadline keeps its
 * timer), which leaks. Java's nearest relatives: {@code StructuredTaskScope} (preview in JDK 25)
 * for cancellation, {@code ScopedValue} (JDK 25) for values. Safe for use by many threads.
 */
public final class Context {

  /** {@link #err()} of a context that was cancelled: Go's {@code context.Canceled}. */
  public static final RuntimeException CANCELED = new ContextError("context canceled");

  /** {@link #err()} of a context whose deadline passed: {@code context.DeadlineExceeded}. */
  public static final RuntimeException DEADLINE_EXCEEDED =
      new ContextError("context deadline exceeded");

  private final Context parent; // null only for a background context
  private final DeadlineClock clock; // inherited from the parent
  private final Object key; // non-null only for a withValue context
  private final Object value;
  private final Instant deadline; // the earlier of the parent's and its own, or null
  private final Context source; // whose done() and err() it reports: itself, or its parent's
  // Used by cancelable contexts (source == this) only:
  private final Done done = new Done();
  private final Object lock = new Object();
  private RuntimeException err; // guarded by lock; null while live
  private final Set<Context> children = new LinkedHashSet<>(); // guarded by lock
  private DeadlineClock.Timer timer; // guarded by lock; set by withDeadline

  private Context(Context parent, DeadlineClock clock, Object key, Object value, Instant deadline) {
    this.parent = parent;
    this.clock = clock;
    this.key = key;
    this.value = value;
    this.deadline = deadline;
    this.source = key == null ? this : parent.source;
  }

  /** The root of a tree on the system clock: never cancelled, no deadline, no values. */
  public static Context background() {
    return background(DeadlineClock.system());
  }

  /** The root of a tree whose deadlines use {@code clock}; every descendant inherits it. */
  public static Context background(DeadlineClock clock) {
    return new Context(null, Objects.requireNonNull(clock, "clock"), null, null, null);
  }

  /**
   * A child that is cancelled when {@code cancel} runs or when {@code parent} is, whichever comes
   * first: Go's {@code WithCancel}.
   */
  public static Cancelable withCancel(Context parent) {
    // TODO: make a child with the parent's clock and deadline, attach it to the parent, hand back a cancel that ends it with CANCELED
    throw new UnsupportedOperationException("TODO: withCancel");
  }

  /**
   * A child that is cancelled with {@link #DEADLINE_EXCEEDED} when its clock reaches {@code
   * deadline}, or earlier by {@code cancel} or its parent. A deadline later than the parent's is
   * capped by it: Go's {@code WithDeadline}.
   */
  public static Cancelable withDeadline(Context parent, Instant deadline) {
    // TODO: cap the deadline by the parent's, attach the child, cancel it now if the deadline has passed, else start its timer
    throw new UnsupportedOperationException("TODO: withDeadline");
  }

  /** {@code withDeadline(parent, now + timeout)} on the parent's clock: Go's {@code WithTimeout}. */
  public static Cancelable withTimeout(Context parent, Duration timeout) {
    // TODO: a timeout is a deadline: now on the parent's clock plus timeout
    throw new UnsupportedOperationException("TODO: withTimeout");
  }

  /**
   * A child that carries {@code key -> value} and is cancelled with its parent: Go's {@code
   * WithValue}. Keys are compared with {@code equals}; use a private key type so packages cannot
   * collide.
   */
  public static Context withValue(Context parent, Object key, Object value) {
    // TODO: reject a null key; the child carries key and value and reports its parent's done() and err()
    throw new UnsupportedOperationException("TODO: withValue");
  }

  /** Something to wait on, or poll, that closes when this context is cancelled: Go's Done(). */
  public Done done() {
    // TODO: return the Done of the context whose signal this one reports (its source)
    throw new UnsupportedOperationException("TODO: done");
  }

  /**
   * Null while this context is live; afterwards {@link #CANCELED} or {@link #DEADLINE_EXCEEDED},
   * whichever ended it first (a child cancelled by its parent reports the parent's reason).
   */
  public RuntimeException err() {
    // TODO: read the source's err under the lock cancel writes it under
    throw new UnsupportedOperationException("TODO: err");
  }

  /** When this context will be cancelled by a deadline, its own or an ancestor's, if ever. */
  public Optional<Instant> deadline() {
    // TODO: the deadline fixed at birth, if any
    throw new UnsupportedOperationException("TODO: deadline");
  }

  /** The value for {@code key} in this context or the nearest ancestor that has one, or null. */
  public Object value(Object key) {
    // TODO: walk up through parent links; return the value of the nearest context whose key equals key
    throw new UnsupportedOperationException("TODO: value");
  }

  /** The clock this context's deadlines run on. */
  public DeadlineClock clock() {
    return clock;
  }

  /** Registers {@code child} with this context's source, or cancels it if that has ended. */
  private void attach(Context child) {
    // TODO: unless the source is a root, add child to its children under its lock, or cancel child at once with the reason it already ended with
    throw new UnsupportedOperationException("TODO: attach");
  }

  private void startTimer() {
    // TODO: ask the clock to cancel this context with DEADLINE_EXCEEDED at its deadline; keep the Timer so cancel can stop it
    throw new UnsupportedOperationException("TODO: startTimer");
  }

  /** Ends this context and its subtree with {@code reason}; later calls change nothing. */
  private void cancel(RuntimeException reason) {
    // TODO: once only: record reason, close done, cancel the children with the same reason, stop the timer, leave the parent's children
    throw new UnsupportedOperationException("TODO: cancel");
  }

  /**
   * A derived context and the function that cancels it: Go's {@code (ctx, cancel)} pair. {@code
   * cancel} is idempotent and safe to call from any thread; call it when the work is done.
   */
  public record Cancelable(Context context, Runnable cancel) {}

  /**
   * Go's {@code <-ctx.Done()}: closed once, when the context ends; waiting on a closed one returns
   * at once. Closing is the context's job, so only {@code Context} can do it.
   */
  public static final class Done {
    private final CountDownLatch closed = new CountDownLatch(1);

    private Done() {}

    /** Blocks until closed. */
    public void await() throws InterruptedException {
      closed.await();
    }

    /** Blocks until closed or {@code timeout} passes; returns whether it is closed. */
    public boolean await(Duration timeout) throws InterruptedException {
      return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the context has ended: a poll that never blocks (Go's select with a default). */
    public boolean isClosed() {
      return closed.getCount() == 0;
    }

    private void close() {
      closed.countDown();
    }
  }

  /** The type of {@link #CANCELED} and {@link #DEADLINE_EXCEEDED}: shared, so no stack trace. */
  private static final class ContextError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ContextError(String message) {
      super(message, null, false, false);
    }
  }
}
