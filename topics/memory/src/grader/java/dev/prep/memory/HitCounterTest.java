package dev.prep.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code memory/racy-counter}: the two halves of a data race, lost updates and stale
 * reads.
 *
 * <p>Lost updates are found by Lincheck's model checker, which tries interleavings of two threads
 * at every shared-memory access and compares each outcome with the sequential runs: a {@code
 * count++} that another thread slips into shows up as a count no sequential order can produce.
 * Counting the total after a stress run is weak evidence (a compiled loop may keep the count in a
 * register and write it back rarely, so the threads seldom collide), so the stress test here is a
 * second line only. The model check runs {@code increment} and {@code get}: with only increments,
 * {@code LongAdder.sum()} is linearizable too, so every classic fix passes.
 *
 * <p>Stale reads are caught the way they bite in production: a thread waits in a loop for {@code
 * get()} to change. Nothing in the loop synchronizes with the writer, so for a plain field the JIT
 * may read it once and keep the register (JLS §17.4.5 gives no happens-before edge, so the hoisted
 * read is a legal execution). The grading worker compiles with C1 only, and C1 hoists such a load
 * out of a call-free loop; a volatile, atomic or synchronized read is never hoisted. Measured with
 * this loop on Temurin 25.0.3, Linux, 2 cores: C1 only, the waiting thread missed the write in 20
 * of 20 trials after the warm-up; with full tiered compilation (C2), in 10 of 10 trials in one JVM
 * and 0 of 10 in another, so outside the worker this test is weaker. The loop spins rather than
 * parks on purpose, since a call to park would force a fresh read; it is bounded by a deadline and
 * one core is left for the writer.
 */
@DisplayName("racy-counter: a counter that many threads bump at once")
class HitCounterTest {

  private static final long JOIN_SECONDS = 4;

  /** Lincheck's view of the counter: every interleaving must match some sequential order. */
  public static final class CounterOperations {
    private final HitCounter counter = new HitCounter();

    @Operation
    public void increment() {
      counter.increment();
    }

    @Operation
    public long get() {
      return counter.get();
    }
  }

  @Test
  @Tag("task:1")
  @Timeout(5)
  @DisplayName("On one thread, increment, add and get count exactly")
  void singleThreaded() {
    var counter = new HitCounter();
    assertThat(counter.get()).as("a new counter").isZero();
    counter.increment();
    counter.increment();
    assertThat(counter.get()).as("after two increments").isEqualTo(2);
    counter.add(40);
    assertThat(counter.get()).as("after add(40)").isEqualTo(42);
    counter.add(-50);
    assertThat(counter.get()).as("after add(-50): negative deltas count down").isEqualTo(-8);
    counter.add(Integer.MAX_VALUE + 9L);
    assertThat(counter.get())
        .as("a count past Integer.MAX_VALUE")
        .isEqualTo(Integer.MAX_VALUE + 1L);
  }

  @Test
  @Tag("task:1")
  @Timeout(15)
  @DisplayName("Lincheck (model checking): no interleaving of two threads loses an increment")
  void noLostUpdates() {
    try {
      new ModelCheckingOptions()
          .iterations(5)
          .invocationsPerIteration(100)
          .threads(2)
          .actorsPerThread(2)
          .actorsBefore(0)
          .actorsAfter(1)
          .check(CounterOperations.class);
    } catch (AssertionError e) {
      throw new AssertionError(
          """
          Lincheck found an interleaving of two threads whose result no sequential order explains, \
          usually an increment that vanished: both threads read the same count, both added one, \
          both wrote it back. count++ (and count += d) is read, add, write: three steps another \
          thread can come between, and volatile does not make them one. Use an AtomicLong \
          (incrementAndGet, addAndGet), a LongAdder, or synchronized on every method. Lincheck's \
          report follows.
          """
              + e.getMessage(),
          e);
    }
  }

  @Test
  @Tag("task:1")
  @Timeout(15)
  @DisplayName("4 threads x 50,000 increments and adds: not one update is lost")
  void stressTotal() throws InterruptedException {
    int threads = 4;
    int rounds = 50_000;
    var counter = new HitCounter();
    var start = new CountDownLatch(1);
    var failure = new AtomicReference<Throwable>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .daemon()
              .name("counter-" + t)
              .start(
                  () -> {
                    try {
                      start.await();
                      for (int i = 0; i < rounds; i++) {
                        counter.increment(); // +1
                        counter.add(3); // +3
                        counter.add(-2); // -2: net +2 per round
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                    }
                  }));
    }
    start.countDown();
    Threads.joinAll(workers, "the counting threads");
    assertThat(failure.get()).as("what a counting thread threw").isNull();
    long expected = 2L * threads * rounds;
    assertThat(counter.get())
        .as(
            """
            count after %d threads each ran %,d rounds of increment(), add(3), add(-2) (expected \
            %,d; %,d updates were lost: make each update one atomic step)""",
            threads, rounds, expected, expected - counter.get())
        .isEqualTo(expected);
  }

  @Test
  @Tag("task:2")
  @Timeout(15)
  @DisplayName("A thread waiting in a loop on get() sees another thread's increment")
  void readerSeesTheWrite() throws InterruptedException {
    Visibility.warmUp();
    int conclusive = 0;
    for (int trial = 1; trial <= 8 && conclusive < 3; trial++) {
      var counter = new HitCounter();
      Visibility.Trial result = Visibility.run(counter);
      if (result.seen()) {
        conclusive++;
      } else if (result.spunAfterWrite().compareTo(Visibility.PATIENCE) >= 0) {
        fail(
            """
            A thread looping on `while (counter.get() == 0)` still read 0 %d ms after increment() \
            had returned on another thread. A plain field read has no happens-before edge with the \
            writer (JLS §17.4.5), so the JIT may load it once and keep it in a register; the loop \
            then never ends. Make get() read through something that synchronizes: an AtomicLong \
            (get), a LongAdder (sum), a volatile field, or synchronized on get() as well as on \
            the writers."""
                .formatted(result.spunAfterWrite().toMillis()));
      } // else: the machine was too busy to tell; try again
    }
    assertThat(conclusive)
        .as("trials in which the waiting thread saw the write (of at most 8 tries)")
        .isEqualTo(3);
  }

  /** A thread spinning on {@code get()} until it changes, as in the class comment. */
  static final class Visibility {
    static final Duration PATIENCE = Duration.ofMillis(250);
    private static final long SPIN_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(600);

    private static volatile boolean spinning;

    record Trial(boolean seen, Duration spunAfterWrite) {}

    /** Spins on get(): a call-free loop except a clock check every 65,536 reads. */
    static long spinUntilChanged(HitCounter counter, long deadline) {
      for (long spins = 1; ; spins++) {
        if (counter.get() != 0) {
          return System.nanoTime();
        }
        if ((spins & 0xFFFF) == 0 && System.nanoTime() - deadline > 0) {
          return -System.nanoTime();
        }
      }
    }

    /** Runs the loop on this thread until the JIT has compiled it (~60 ms). */
    static void warmUp() {
      var idle = new HitCounter();
      for (int i = 0; i < 3; i++) {
        spinUntilChanged(idle, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
      }
    }

    static Trial run(HitCounter counter) throws InterruptedException {
      spinning = false;
      long[] end = new long[1];
      Thread reader =
          Thread.ofPlatform()
              .daemon()
              .name("reader")
              .start(
                  () -> {
                    spinning = true;
                    end[0] = spinUntilChanged(counter, System.nanoTime() + SPIN_LIMIT_NANOS);
                  });
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
      while (!spinning && System.nanoTime() < waitUntil) {
        LockSupport.parkNanos(100_000); // the main thread parks: 2 cores are shared
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // let the reader enter its loop
      counter.increment();
      long written = System.nanoTime();
      if (!reader.join(Duration.ofSeconds(JOIN_SECONDS))) {
        fail("the reading thread did not stop within %d s of its deadline", JOIN_SECONDS);
      }
      // join() orders the reader's write of end[0] before this read
      boolean seen = end[0] > 0;
      long spunAfterWrite = seen ? 0 : -end[0] - written;
      return new Trial(seen, Duration.ofNanos(Math.max(0, spunAfterWrite)));
    }
  }

  /** Deadline joins for the stress test. */
  static final class Threads {
    static void joinAll(List<Thread> threads, String what) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_SECONDS);
      for (Thread t : threads) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !t.join(Duration.ofNanos(left))) {
          threads.forEach(Thread::interrupt);
          fail(
              "%s were still running after %d s: does a method block or loop forever?",
              what, JOIN_SECONDS);
        }
      }
    }
  }
}
