package dev.prep.memory.demo;

import dev.prep.support.Machine;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/*
 * Lost updates: count++ from several threads.
 *
 * count++ is three steps: read count, add one, write it back. Two threads that read the same value
 * both write value + 1, and one increment is lost. When two threads access the same variable, at
 * least one of them writes, and nothing orders the accesses (no happens-before, JLS 17.4.5), that
 * is a data race (数据竞争); Go's race detector documentation defines it the same way
 * (https://go.dev/doc/articles/race_detector).
 *
 * Five counters, each incremented 1,000,000 times by each of 4 threads that start together:
 *   plain int        count++                     a data race
 *   volatile int     count++ on a volatile       still a race: volatile makes each read and each
 *                                                write visible, not the pair atomic
 *   synchronized     synchronized (this) { count++; }      one thread at a time
 *   AtomicInteger    count.incrementAndGet()     one atomic read-modify-write (lock xadd on x86)
 *   LongAdder        adder.increment()           a cell per contending thread, summed on read:
 *                                                fastest under contention, no atomic snapshot
 *
 * What you should see. volatile loses a share of its increments: every increment really reads
 * and writes memory, so the threads interleave inside count++ all the time. The plain int swings
 * between extremes from run to run, which is the trap. C2 compiles the loop, keeps count in a
 * register and writes it back once (or turns the loop into count += n): if the threads happen not to
 * overlap in those few instructions the total is exactly right; if they do, a thread that writes
 * back its register erases every increment the others made meanwhile, and millions vanish at once.
 * Exactly right is luck, not correctness: the program has a data race, the JMM allows any
 * interleaving of its reads and writes, and a change of JIT, machine or loop body changes the
 * result. The three correct counters are exact every time. (The times are one run on this
 * machine: compare them with each other, not with other machines.)
 *
 * This is why the course never grades a counter by counting: a racy counter can pass a test that
 * counts. Lincheck, jcstress or Go's -race find the race itself.
 *
 * Run: prep demo memory lost-updates
 */
public final class LostUpdatesDemo {

  static final int THREADS = 4;
  static final int INCREMENTS = 1_000_000;

  private static final String GO =
      """
        n := 0
        for g := 0; g < 4; g++ {
            go func() { for i := 0; i < 100000; i++ { n++ } }() // wg.Add/Done left out
        }
        // go1.19.8, 2 cores: printed 400000, then 220609 on the next run;
        // go run -race prints "WARNING: DATA RACE". Fix: atomic.Int64 or a sync.Mutex.""";

  /** A counter that one thread increments {@code n} times in a row. */
  interface Counter {
    void incrementTimes(int n);

    long value();
  }

  static final class PlainCounter implements Counter {
    private int count;

    @Override
    public void incrementTimes(int n) {
      for (int i = 0; i < n; i++) {
        count++; // read, add, write: another thread can write in between
      }
    }

    @Override
    public long value() {
      return count; // read after join: join makes every write visible
    }
  }

  static final class VolatileCounter implements Counter {
    private volatile int count;

    @Override
    public void incrementTimes(int n) {
      for (int i = 0; i < n; i++) {
        count++; // a volatile read, then a volatile write: two steps, still racy
      }
    }

    @Override
    public long value() {
      return count;
    }
  }

  static final class SynchronizedCounter implements Counter {
    private int count;

    @Override
    public void incrementTimes(int n) {
      for (int i = 0; i < n; i++) {
        synchronized (this) {
          count++;
        }
      }
    }

    @Override
    public synchronized long value() {
      return count;
    }
  }

  static final class AtomicCounter implements Counter {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void incrementTimes(int n) {
      for (int i = 0; i < n; i++) {
        count.incrementAndGet(); // one indivisible read-modify-write
      }
    }

    @Override
    public long value() {
      return count.get();
    }
  }

  static final class AdderCounter implements Counter {
    private final LongAdder count = new LongAdder();

    @Override
    public void incrementTimes(int n) {
      for (int i = 0; i < n; i++) {
        count.increment(); // contended threads move to cells of their own
      }
    }

    @Override
    public long value() {
      return count.sum();
    }
  }

  /** A row of the table. */
  record Variant(String name, String code, boolean racy, Counter counter) {}

  /** What one run produced. */
  record Result(Variant variant, long expected, long actual, long nanos) {
    long lost() {
      return expected - actual;
    }
  }

  private LostUpdatesDemo() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("== Lost updates: count++ from " + THREADS + " threads ==");
    System.out.println(
        "Watch: the lost column — volatile int loses increments, plain int may lose some or"
            + " none (a data race either way), the atomic counters lose none.");
    System.out.println("Machine: " + Machine.describe());
    System.out.println("Go, for comparison:");
    System.out.println(GO);
    System.out.println();

    List<Variant> variants =
        List.of(
            new Variant("plain int", "count++", true, new PlainCounter()),
            new Variant("volatile int", "count++ // volatile", true, new VolatileCounter()),
            new Variant(
                "synchronized",
                "synchronized (this) { count++; }",
                false,
                new SynchronizedCounter()),
            new Variant("AtomicInteger", "count.incrementAndGet()", false, new AtomicCounter()),
            new Variant("LongAdder", "adder.increment()", false, new AdderCounter()));

    System.out.printf(
        "%-14s %-34s %11s %11s %11s %9s%n",
        "counter", "code", "expected", "actual", "lost", "time");
    long exactCorrect = 0;
    long racyLost = 0;
    for (Variant v : variants) {
      Result r = run(v);
      System.out.printf(
          Locale.ROOT,
          "%-14s %-34s %,11d %,11d %,11d %6d ms%n",
          v.name(),
          v.code(),
          r.expected(),
          r.actual(),
          r.lost(),
          TimeUnit.NANOSECONDS.toMillis(r.nanos()));
      if (v.racy()) {
        racyLost += r.lost();
      } else if (r.lost() == 0) {
        exactCorrect++;
      }
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "You just saw: the two racy counters lost %,d increments between them; %d of 3 correctly"
            + " synchronized counters were exact, as they always are.%n",
        racyLost,
        exactCorrect);
  }

  /** THREADS threads, released together by a latch, each calling incrementTimes(INCREMENTS). */
  static Result run(Variant v) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      threads[t] =
          Thread.ofPlatform()
              .name(v.name() + "-" + t)
              .start(
                  () -> {
                    try {
                      start.await(); // all threads count at the same time
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    v.counter().incrementTimes(INCREMENTS);
                  });
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread t : threads) {
      t.join(); // bounded: INCREMENTS calls, no waiting inside
    }
    long nanos = System.nanoTime() - t0;
    return new Result(v, (long) THREADS * INCREMENTS, v.counter().value(), nanos);
  }
}
