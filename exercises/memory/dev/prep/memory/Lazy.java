package dev.prep.memory;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built on first use, once, however many threads ask for it at the same moment: lazy
 * initialisation with double-checked locking (双重检查锁), the pattern behind the lazy singleton.
 *
 * <pre>{@code
 * private static final Lazy<Config> CONFIG = new Lazy<>(Config::load);
 * ...
 * CONFIG.get().timeout();   // the first call loads, every later call is one volatile read
 * }</pre>
 *
 * <p>Contract, for any number of threads:
 *
 * <ul>
 *   <li>the constructor does not run the supplier; the first {@code get()} does;
 *   <li>once the supplier has returned a value, it never runs again: every {@code get()} on every
 *       thread returns that same instance;
 *   <li>if several threads call {@code get()} before a value exists, exactly one of them runs the
 *       supplier; the others wait for it and return its value;
 *   <li>a thread that receives the value sees it fully built: every write the supplier made to it
 *       before returning, not just the reference;
 *   <li>if the supplier throws, {@code get()} throws that exception, nothing is kept, and the next
 *       {@code get()} runs the supplier again;
 *   <li>the supplier must not return {@code null} ({@code null} means "not built yet" here): {@code
 *       get()} then throws {@link NullPointerException}, and the next call tries again;
 *   <li>once the value exists, {@code get()} takes no lock.
 * </ul>
 *
 * <p>Go does this job with {@code sync.Once}: its fast path is one atomic load of a {@code done}
 * flag, its slow path takes a mutex and checks again (go1.19 {@code src/sync/once.go}) — double-
 * checked locking in the standard library. One difference: Go's {@code Do} counts a panicking
 * function as done and never calls it again, while this class retries after an exception.
 */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<? extends T> supplier;
  private final Object lock = new Object();

  // TODO: get() reads this field without the lock: declare it so that read sees a built value
  private T value;

  /** A lazy value that {@code supplier} will build on the first {@link #get()}. */
  public Lazy(Supplier<? extends T> supplier) {
    this.supplier = Objects.requireNonNull(supplier, "supplier");
  }

  /** The value, built by the supplier on the first call; see the class comment for the rules. */
  @Override
  public T get() {
    // TODO: read value once; if null, lock, check again, and only then run the supplier and store
    throw new UnsupportedOperationException("TODO: double-checked locking");
  }
}
