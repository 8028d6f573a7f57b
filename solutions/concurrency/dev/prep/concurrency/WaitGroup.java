package dev.prep.concurrency;

/**
 * Go's {@code sync.WaitGroup} in Java: a counter of outstanding work that one or many threads can
 * wait on until it drops to zero (go1.19 {@code src/sync/waitgroup.go}).
 *
 * <pre>{@code
 * var wg = new WaitGroup();
 * for (var url : urls) {
 *   wg.add(1);                                   // before starting the worker, never inside it
 *   Thread.ofVirtual().start(() -> {
 *     try { fetch(url); } finally { wg.done(); }  // Go: defer wg.Done()
 *   });
 * }
 * wg.await();                                    // Go: wg.Wait()
 * }</pre>
 *
 * <p>Rules, as in Go:
 *
 * <ul>
 *   <li>{@code add} may be negative; a counter that would drop below zero is a bug in the caller,
 *       so it panics with Go's text, {@code sync: negative WaitGroup counter}, and is left as it
 *       was;
 *   <li>{@code await} returns at once when the counter is zero, and otherwise blocks — without
 *       burning a CPU — until it reaches zero; then <em>every</em> waiting thread wakes;
 *   <li>a WaitGroup may be reused once the counter is back at zero and the previous waiters have
 *       returned (Go's documentation asks the same of new {@code Add} calls).
 * </ul>
 *
 * <p>Java's nearest relatives are {@code CountDownLatch} (counts down only, never reusable) and
 * {@code Phaser} (reusable, registers and arrives). Safe for use by many threads.
 */
public final class WaitGroup {

  private final Object lock = new Object();
  private int counter; // guarded by lock

  /** A WaitGroup with a counter of zero: {@code var wg sync.WaitGroup}. */
  public WaitGroup() {}

  /**
   * Adds {@code delta}, which may be negative, to the counter; at zero, wakes every waiter.
   *
   * @throws GoPanic {@code sync: negative WaitGroup counter} if the counter would go below zero
   */
  public void add(int delta) {
    synchronized (lock) {
      // Check before changing anything: a panicking call must not corrupt the count for others.
      if (counter + delta < 0) {
        throw new GoPanic("sync: negative WaitGroup counter");
      }
      counter += delta;
      // notifyAll, not notify: every waiter is waiting for the same zero.
      if (counter == 0) {
        lock.notifyAll();
      }
    }
  }

  /** One piece of work is finished: {@code add(-1)}. */
  public void done() {
    // Go's Done is literally Add(-1): one rule, one place.
    add(-1);
  }

  /**
   * Blocks until the counter is zero; returns at once if it already is.
   *
   * @throws InterruptedException if the waiting thread is interrupted (Go's Wait cannot be)
   */
  public void await() throws InterruptedException {
    synchronized (lock) {
      // A loop, not an if: wait() may return spuriously, and only counter == 0 means done.
      while (counter > 0) {
        lock.wait();
      }
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "WaitGroup[counter=" + counter + "]";
    }
  }
}
