package dev.prep.memory.demo;

import dev.prep.support.Machine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/*
 * False sharing (伪共享): two threads, two counters, one cache line.
 *
 * Caches move memory in lines, 64 bytes on current x86 and most ARM cores. To write a line a core
 * must own it exclusively (the MESI family of protocols): every other copy is invalidated first.
 * Two threads that each write their own counter share nothing in the program, but if the counters
 * sit in the same line, each write by one core takes the line away from the other, and the other's
 * next write waits for a cache-to-cache transfer instead of hitting its L1. Nothing is wrong with
 * the results, only with the speed: a performance bug, invisible in the source.
 *
 * The cure is distance. The JDK pads hot fields with @jdk.internal.vm.annotation.Contended (on
 * LongAdder's cells, ForkJoinPool's queues, the random seeds in Thread): ContendedPaddingWidth = 128
 * bytes, two lines, because some CPUs fetch lines in adjacent pairs. Outside the JDK the annotation
 * needs --add-exports java.base/jdk.internal.vm.annotation=ALL-UNNAMED to compile and
 * -XX:-RestrictContended to have any effect, so libraries pad by hand: unused long fields in
 * superclasses (JCTools, the LMAX Disruptor) or, as here, array slots spaced apart. Go does the same
 * with a byte array, e.g. the Go runtime pads each mcentral to cpu.CacheLinePadSize (runtime/mheap.go).
 *
 * The experiment: two threads each increment their own slot of one long[], starting together; the
 * slots are 8, 64 or 128 bytes apart (array elements are contiguous, so the distance is exact;
 * where the line boundaries fall is up to the allocator). Two ways to increment:
 *  - release store: read the slot, write it back with VarHandle.setRelease, so every increment
 *    really stores to memory (a plain field could live in a register for the whole loop);
 *  - getAndAdd: an atomic add (lock xadd on x86), what a LongAdder cell or an AtomicLong does; it
 *    needs the line exclusively at the moment it executes.
 * Once the line bounces, most increments of either kind wait for a cache-to-cache transfer, tens
 * of nanoseconds; the slow-down factor is larger for the operation that was cheaper to begin with.
 * Five rounds per layout and operation, interleaved, after a warm-up round. The table shows the
 * median CPU time per increment — each thread's own CPU time, so time spent waiting for a core on
 * a busy machine does not count and time stalled on a cache line does — and the slow-down against
 * the 128-byte layout.
 *
 * What you should see: the 8-byte layout several times slower than the other two in both columns;
 * 64 and 128 bytes close to each other. False sharing needs the two threads to run at the same
 * moment, so the demo also prints how many cores the pair kept busy (their CPU time over the wall
 * time): near 2 on an idle machine; near 1 on a busy one, where they take turns, the line seldom
 * moves and the gap disappears (the closing line says so). Timings are never asserted; JMH
 * measures the same thing properly: prep bench memory FalseSharing.
 *
 * Run: prep demo memory false-sharing
 */
public final class FalseSharingDemo {

  static final int ROUNDS = 5;

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int FIRST = 16; // the first counter's slot: 128 bytes into the array

  /** Where the second counter goes, in bytes from the first. */
  record Layout(String name, int distanceBytes) {
    int secondSlot() {
      return FIRST + distanceBytes / Long.BYTES;
    }
  }

  /** How a thread increments its slot, and how many times per round. */
  enum Increment {
    RELEASE_STORE("release store", 20_000_000),
    GET_AND_ADD("getAndAdd", 5_000_000);

    final String label;
    final int times;

    Increment(String label, int times) {
      this.label = label;
      this.times = times;
    }
  }

  /** One round's result: CPU time per increment, and how many cores the pair kept busy. */
  record Round(double cpuNanosPerIncrement, double coresBusy) {}

  /** Below this the two threads mostly took turns, and a cache line had little reason to move. */
  static final double TOGETHER = 1.5;

  static final List<Layout> LAYOUTS =
      List.of(
          new Layout("8 B apart (adjacent slots)", 8),
          new Layout("64 B apart (one line apart)", 64),
          new Layout("128 B apart (@Contended's width)", 128));

  private static final String GO =
      """
        type counters struct {
            a uint64
            _ [56]byte // padding: b starts 64 bytes after a (cf. golang.org/x/sys/cpu.CacheLinePad)
            b uint64
        }""";

  private FalseSharingDemo() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("== False sharing: two counters, one cache line ==");
    System.out.println(
        "Watch: CPU time per increment when two threads write neighbouring longs (8 B apart)"
            + " against counters a cache line or two apart.");
    System.out.println(
        "Machine: "
            + Machine.describeWithCpu()
            + Machine.cacheLineBytes().map(b -> ", cache line " + b + " B").orElse(""));
    System.out.println("Go, for comparison:");
    System.out.println(GO);
    System.out.println();

    Increment[] ops = Increment.values();
    double[][][] nanos = new double[ops.length][LAYOUTS.size()][ROUNDS];
    double[] coresBusy = new double[ops.length * LAYOUTS.size() * ROUNDS];
    int measured = 0;
    for (Increment op : ops) {
      for (Layout layout : LAYOUTS) {
        round(layout, op); // warm-up: the first round runs in the interpreter
      }
    }
    for (int r = 0; r < ROUNDS; r++) {
      for (int o = 0; o < ops.length; o++) {
        for (int l = 0; l < LAYOUTS.size(); l++) { // interleaved: noise hits every layout alike
          Round result = round(LAYOUTS.get(l), ops[o]);
          nanos[o][l][r] = result.cpuNanosPerIncrement();
          coresBusy[measured++] = result.coresBusy();
        }
      }
    }

    System.out.printf("%-34s", "two counters, median CPU ns per");
    for (Increment op : ops) {
      System.out.printf(" %15s %9s", op.label, "vs 128 B");
    }
    System.out.println();
    double[][] slowDown = new double[ops.length][LAYOUTS.size()];
    for (int l = 0; l < LAYOUTS.size(); l++) {
      System.out.printf("%-34s", LAYOUTS.get(l).name());
      for (int o = 0; o < ops.length; o++) {
        double median = median(nanos[o][l]);
        slowDown[o][l] = median / median(nanos[o][LAYOUTS.size() - 1]);
        System.out.printf(Locale.ROOT, " %15.2f %8.1fx", median, slowDown[o][l]);
      }
      System.out.println();
    }
    System.out.printf(
        Locale.ROOT,
        "(%d rounds; per thread and round: %,d release stores or %,d getAndAdds)%n",
        ROUNDS,
        Increment.RELEASE_STORE.times,
        Increment.GET_AND_ADD.times);
    double together = median(coresBusy);
    System.out.printf(
        Locale.ROOT,
        "The two threads kept %.2f cores busy (median over rounds; 2.00 = always running at the"
            + " same time, 1.00 = taking turns).%n",
        together);
    System.out.println();
    if (together < TOGETHER) {
      System.out.printf(
          Locale.ROOT,
          "You just saw: on this busy machine the two threads mostly took turns (%.2f cores), so"
              + " the shared line seldom had to move: %.1fx and %.1fx; run it on an idle machine"
              + " to see false sharing.%n",
          together,
          slowDown[0][0],
          slowDown[1][0]);
    } else {
      System.out.printf(
          Locale.ROOT,
          "You just saw: two threads updating their own counters paid %.1fx (release store) and"
              + " %.1fx (getAndAdd) when the counters were 8 bytes apart instead of 128: they"
              + " shared a cache line, not data.%n",
          slowDown[0][0],
          slowDown[1][0]);
    }
  }

  /**
   * One round: two threads, each incrementing its own slot; returns their mean CPU time per
   * increment and their CPU time over the wall time. CPU time, not wall time: a thread waiting for
   * a core on a busy machine is not counted, while a core stalled on a cache line is.
   */
  static Round round(Layout layout, Increment op) throws InterruptedException {
    long[] counters = new long[FIRST + 128 / Long.BYTES + FIRST]; // room on both sides
    int[] slots = {FIRST, layout.secondSlot()};
    long[] cpuNanos = new long[2]; // each thread writes its own element, read after join
    CountDownLatch start = new CountDownLatch(1);
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int me = t;
      threads[t] =
          Thread.ofPlatform()
              .name("counter-" + t)
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    increment(counters, slots[me], op);
                    cpuNanos[me] = THREADS.getCurrentThreadCpuTime() - cpu0;
                  });
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread t : threads) {
      t.join(); // bounded: a fixed number of increments, nothing to wait for
    }
    long wall = System.nanoTime() - t0;
    for (int slot : slots) {
      if (counters[slot] != op.times) { // each slot has one writer: never lost
        throw new IllegalStateException("slot " + slot + " counted " + counters[slot]);
      }
    }
    long cpu = cpuNanos[0] + cpuNanos[1];
    return new Round(cpu / 2.0 / op.times, cpu / (double) Math.max(1, wall));
  }

  private static void increment(long[] counters, int slot, Increment op) {
    if (op == Increment.RELEASE_STORE) {
      for (int i = 0; i < op.times; i++) {
        long next = (long) LONGS.get(counters, slot) + 1; // only this thread writes this slot
        LONGS.setRelease(counters, slot, next); // a real store each time, in program order
      }
    } else {
      for (int i = 0; i < op.times; i++) {
        LONGS.getAndAdd(counters, slot, 1L); // atomic: owns the line while it executes
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
