package dev.prep.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code concurrency/wait-group}: Go's {@code sync.WaitGroup} (go1.19 {@code
 * src/sync/waitgroup.go}). Waiters are platform threads so their state tells blocking ({@code
 * WAITING}) from polling ({@code TIMED_WAITING}) and spinning ({@code RUNNABLE}).
 *
 * <p>No Lincheck here: a WaitGroup's interesting operation is a blocking {@code await}, which
 * Lincheck's linearizability check of data-structure operations does not model (the bounded-queue
 * grader uses it for its non-blocking operations). Lost updates are caught by a fixed-size stress
 * test instead, and blocking by thread states.
 */
@DisplayName("wait-group: add, done, await, and the negative-counter panic")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WaitGroupTest {

  private static final Duration PATIENCE = Duration.ofSeconds(3);

  private final List<Thread> started = new ArrayList<>();

  @AfterEach
  void stopStragglers() throws InterruptedException {
    for (Thread thread : started) {
      thread.interrupt();
      thread.join(1000);
    }
  }

  @Test
  @DisplayName("await returns at once when nothing was added")
  @Timeout(value = 2, unit = TimeUnit.SECONDS)
  void awaitOnZeroReturns() throws InterruptedException {
    new WaitGroup().await();
  }

  @Test
  @DisplayName("done() on a zero counter panics with Go's words: sync: negative WaitGroup counter")
  void doneBelowZeroPanics() {
    assertThatThrownBy(() -> new WaitGroup().done())
        .as("Go panics when the counter would drop below zero")
        .isInstanceOf(GoPanic.class)
        .hasMessage("sync: negative WaitGroup counter");
  }

  @Test
  @DisplayName("add(-3) on a counter of 2 panics and leaves the counter at 2")
  void negativeAddPanicsWithoutChangingTheCounter() throws InterruptedException {
    WaitGroup wg = new WaitGroup();
    wg.add(2);
    assertThatThrownBy(() -> wg.add(-3))
        .isInstanceOf(GoPanic.class)
        .hasMessage("sync: negative WaitGroup counter");
    assertThatCode(() -> wg.add(-2))
        .as("after the failed add(-3) the counter should still be 2, so add(-2) is allowed")
        .doesNotThrowAnyException();
    Thread waiter = startWaiter(wg, new AtomicReference<>());
    waiter.join(PATIENCE.toMillis());
    assertThat(waiter.isAlive()).as("await on a counter back at 0 should return").isFalse();
  }

  @Test
  @DisplayName("await blocks without polling or spinning until the counter reaches zero")
  void awaitBlocksUntilZero() throws InterruptedException {
    WaitGroup wg = new WaitGroup();
    wg.add(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread waiter = startWaiter(wg, failure);

    assertBlocked(waiter, "await() with the counter at 1");

    wg.done();
    waiter.join(PATIENCE.toMillis());
    assertThat(waiter.isAlive()).as("the waiter, %s after done()", PATIENCE).isFalse();
    assertThat(failure.get()).as("what await threw").isNull();
  }

  @Test
  @DisplayName("Every waiter wakes when the counter reaches zero, not just one")
  void allWaitersWake() throws InterruptedException {
    WaitGroup wg = new WaitGroup();
    wg.add(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> waiters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waiters.add(startWaiter(wg, failure));
    }
    for (Thread waiter : waiters) {
      assertBlocked(waiter, "each of 5 waiters before done()");
    }

    wg.done();

    long stillWaiting = 0;
    for (Thread waiter : waiters) {
      waiter.join(PATIENCE.toMillis());
      stillWaiting += waiter.isAlive() ? 1 : 0;
    }
    assertThat(stillWaiting)
        .as(
            "waiters still blocked %s after the counter hit 0 (notify wakes one; try notifyAll or"
                + " signalAll)",
            PATIENCE)
        .isZero();
    assertThat(failure.get()).as("what await threw").isNull();
  }

  @Test
  @DisplayName("await returns only after the last of 8 workers calls done()")
  void waitsForTheLastWorker() throws InterruptedException {
    int workers = 8;
    WaitGroup wg = new WaitGroup();
    List<CountDownLatch> go = new ArrayList<>();
    AtomicInteger doneCalls = new AtomicInteger();
    for (int i = 0; i < workers; i++) {
      CountDownLatch mine = new CountDownLatch(1);
      go.add(mine);
      wg.add(1);
      start(
          "worker-" + i,
          () -> {
            mine.await();
            wg.done();
            doneCalls.incrementAndGet();
            return null;
          });
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread waiter = startWaiter(wg, failure);

    for (int i = 0; i < workers - 1; i++) {
      go.get(i).countDown();
      awaitCount(doneCalls, i + 1);
      assertBlocked(
          waiter, "await() after " + (i + 1) + " of " + workers + " workers called done()");
    }
    go.get(workers - 1).countDown();
    waiter.join(PATIENCE.toMillis());
    assertThat(waiter.isAlive()).as("the waiter after the last done()").isFalse();
    assertThat(failure.get()).as("what await threw").isNull();
  }

  @Test
  @DisplayName("A WaitGroup is reusable: after reaching zero, add(1) makes await block again")
  void reusableAfterZero() throws InterruptedException {
    WaitGroup wg = new WaitGroup();
    for (int round = 1; round <= 3; round++) {
      wg.add(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread waiter = startWaiter(wg, failure);
      assertBlocked(waiter, "await() in round " + round);
      wg.done();
      waiter.join(PATIENCE.toMillis());
      assertThat(waiter.isAlive()).as("the waiter of round %d after done()", round).isFalse();
    }
  }

  @Test
  @DisplayName("4 threads x 2,000 add(1)/done() pairs leave the counter at exactly zero")
  void concurrentAddAndDoneBalance() throws InterruptedException {
    WaitGroup wg = new WaitGroup();
    wg.add(1); // held by the test, so the counter never touches zero while the threads run
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          start(
              "adder-" + t,
              () -> {
                ready.await();
                for (int i = 0; i < 2000; i++) {
                  wg.add(1);
                  wg.done();
                }
                return null;
              },
              failure));
    }
    ready.countDown();
    for (Thread thread : threads) {
      thread.join(PATIENCE.toMillis());
    }
    assertThat(failure.get())
        .as("a panic here means an update was lost: the counter needs a lock or an atomic")
        .isNull();
    wg.done();
    Thread waiter = startWaiter(wg, failure);
    waiter.join(PATIENCE.toMillis());
    assertThat(waiter.isAlive())
        .as("await() after every add was matched by a done(): the counter should be 0")
        .isFalse();
    assertThatThrownBy(wg::done)
        .as("one more done() on a counter of 0")
        .isInstanceOf(GoPanic.class);
  }

  // ---- helpers ---------------------------------------------------------------------------

  @FunctionalInterface
  private interface Body {
    Void run() throws Exception;
  }

  private Thread startWaiter(WaitGroup wg, AtomicReference<Throwable> failure) {
    return start(
        "waiter",
        () -> {
          wg.await();
          return null;
        },
        failure);
  }

  private Thread start(String name, Body body) {
    return start(name, body, new AtomicReference<>());
  }

  private Thread start(String name, Body body, AtomicReference<Throwable> failure) {
    Thread thread =
        Thread.ofPlatform()
            .name(name)
            .daemon(true)
            .start(
                () -> {
                  try {
                    body.run();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                  }
                });
    started.add(thread);
    return thread;
  }

  /**
   * Watches (parking briefly between looks) until the thread parks untimed; fails if it polls,
   * spins or returns.
   */
  private static void assertBlocked(Thread thread, String what) {
    Set<Thread.State> settled = EnumSet.of(Thread.State.WAITING, Thread.State.TERMINATED);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Thread.State state = thread.getState();
    while (!settled.contains(state) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(100_000); // yield the core: 2 cores are shared
      state = thread.getState();
    }
    assertThat(state)
        .as(
            "%s: the thread should be blocked (WAITING). TERMINATED means await returned too early;"
                + " TIMED_WAITING or RUNNABLE means it polls or spins instead of waiting to be"
                + " woken",
            what)
        .isEqualTo(Thread.State.WAITING);
  }

  private static void awaitCount(AtomicInteger counter, int expected) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (counter.get() < expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(100_000); // yield the core: 2 cores are shared
    }
    assertThat(counter.get())
        .as("workers that returned from done()")
        .isGreaterThanOrEqualTo(expected);
  }
}
