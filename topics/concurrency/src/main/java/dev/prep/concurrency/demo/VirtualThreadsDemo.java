package dev.prep.concurrency.demo;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.prep.support.Machine;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/*
 * 100,000 virtual threads beside platform threads: what a thread costs.
 *
 * A platform thread is a thin wrapper over an OS thread (JDK 25 Thread.java: platform threads are
 * "typically mapped 1:1 to kernel threads"). Each one gets a native stack reserved up front —
 * ThreadStackSize, 1 MiB on Linux x64 — and kernel bookkeeping; only the pages it touches become
 * resident, but the thread itself is a kernel object, created and scheduled by the OS.
 *
 * A virtual thread (JEP 444, final in JDK 21) is a user-mode thread scheduled by the JDK onto a small
 * pool of carrier threads (a ForkJoinPool with parallelism = cores). When it blocks — parks, sleeps,
 * waits on a lock or a queue — it unmounts: its frames are copied off the carrier into
 * jdk.internal.vm.StackChunk objects, which live on the ordinary Java heap (JEP 444, "Memory use and
 * interaction with garbage collection"). A parked virtual thread is therefore just a few heap objects:
 * the Thread, its Continuation and the stack chunks, sized by the frames it really has, with no fixed
 * initial stack. Go made the same choice in 2009: a goroutine starts with a 2 KiB stack taken from
 * the heap (go1.4 release notes; _StackMin = 2048 in go1.19 runtime/stack.go) that grows by copying.
 *
 * The experiment. Each row starts N threads that count down a latch and then park on a second latch,
 * so all N are alive and blocked at the same moment; we measure there, then release them and join.
 *  - start+join: wall time to create, start, release and join N threads (the measuring pause is not
 *    counted). It is the cost of the threads themselves: they do no work.
 *  - heap/thread: heap used after a full GC with all N parked, minus heap used before, divided by N
 *    (MemoryMXBean). For virtual threads this is the whole thread, stack included; for platform
 *    threads it is only the java.lang.Thread object, because their stacks are native memory.
 *  - of it GC: collector time inside start+join (GarbageCollectorMXBean). 100,000 parked virtual
 *    threads are over 100 MB of live heap, and every young collection while they start copies the
 *    stack chunks made so far: on a small machine much of the virtual row's time can be GC. topic.toml
 *    starts this demo with -Xms1g so the heap does not grow and shrink (which would also blur RSS).
 *  - RSS/thread: growth of the process's resident set (VmRSS in /proc/self/status, Linux only), which
 *    does see native stacks: the pages each platform thread touched, plus whatever heap the JVM had to
 *    commit for the virtual threads. NMT would break native memory down further, but it must be
 *    switched on at JVM start (-XX:NativeMemoryTracking) and read with jcmd, not in-process.
 *
 * Why only 2,000 platform threads? 100,000 OS threads would hit the per-user process limit on many
 * machines (ulimit -u is often below 100,000 and every thread counts), reserve ~100 GB of virtual
 * address space for stacks, and stall other work on a shared 2-core box. 2,000 is enough to see the
 * per-thread cost, and a 2,000-virtual-thread row gives a like-for-like comparison.
 *
 * What to watch for: per-thread start+join time, an order of magnitude apart; heap per virtual thread
 * of about a kilobyte, against a 1 MiB stack reservation per platform thread. Numbers depend on the
 * machine and the JDK: they are labelled, and the demo test asserts only that every thread completed.
 *
 * The lesson is the one JEP 444 states: virtual threads make blocking cheap (many waiting threads),
 * they do not make computation faster. Do not pool them; start one per task.
 *
 * Run: prep demo concurrency virtual-threads
 */
public final class VirtualThreadsDemo {

  static final int VIRTUAL_THREADS = 100_000;
  static final int PLATFORM_THREADS = 2_000;

  private static final String GO =
      """
        var wg sync.WaitGroup
        release := make(chan struct{})
        for i := 0; i < 100_000; i++ {
            wg.Add(1)
            go func() { defer wg.Done(); <-release }() // 2 KiB starting stack each
        }
        close(release)
        wg.Wait()""";

  private VirtualThreadsDemo() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("== 100,000 virtual threads beside 2,000 platform threads ==");
    System.out.println(
        "Watch: start+join time and memory per thread; a virtual thread's stack is a few heap"
            + " objects (StackChunk), a platform thread's is a native 1 MiB reservation.");
    System.out.println("Machine: " + Machine.describe());
    System.out.println(
        "Platform thread stack reservation (ThreadStackSize): "
            + stackReservation()
            + "; RSS read from /proc/self/status"
            + (rssKib().isPresent() ? "" : " (not available here)"));
    System.out.println();
    System.out.println("Go, for comparison:");
    System.out.println(GO);
    System.out.println();

    measure("warm-up", 1_000, Thread.ofVirtual()); // load classes, start the carriers
    Row virtualAll = measure("virtual", VIRTUAL_THREADS, Thread.ofVirtual().name("v-", 0));
    Row virtualFew = measure("virtual", PLATFORM_THREADS, Thread.ofVirtual().name("v-", 0));
    Row platform = measure("platform", PLATFORM_THREADS, Thread.ofPlatform().name("p-", 0));

    System.out.printf(
        "%-9s %9s %10s %12s %10s %12s %13s %12s%n",
        "kind",
        "threads",
        "completed",
        "start+join",
        "of it GC",
        "per thread",
        "heap/thread",
        "RSS/thread");
    for (Row row : new Row[] {virtualAll, virtualFew, platform}) {
      System.out.println(row.format());
    }
    System.out.println();
    System.out.printf(
        "completed %d of %d virtual threads and %d of %d platform threads.%n",
        virtualAll.completed(), VIRTUAL_THREADS, platform.completed(), PLATFORM_THREADS);
    System.out.printf(
        Locale.ROOT,
        "You just saw: %,d parked virtual threads cost about %,d bytes of heap each and started and"
            + " joined %.0fx faster per thread than platform threads — cheap blocking, not faster CPU.%n",
        VIRTUAL_THREADS,
        virtualAll.heapPerThread(),
        platform.nanosPerThread() / Math.max(1.0, virtualAll.nanosPerThread()));
  }

  record Row(
      String kind,
      int threads,
      int completed,
      long nanos,
      long gcMillis,
      long heapBytes,
      OptionalLong rssKib) {

    double nanosPerThread() {
      return (double) nanos / threads;
    }

    long heapPerThread() {
      return Math.max(0, heapBytes / threads);
    }

    String format() {
      String rss =
          rssKib.isPresent()
              ? String.format(
                  Locale.ROOT, "%.1f KiB", Math.max(0, rssKib.getAsLong()) / (double) threads)
              : "n/a";
      return String.format(
          Locale.ROOT,
          "%-9s %,9d %,10d %9d ms %7d ms %9.1f µs %,11d B %12s",
          kind,
          threads,
          completed,
          nanos / 1_000_000,
          gcMillis,
          nanosPerThread() / 1_000,
          heapPerThread(),
          rss);
    }
  }

  private static Row measure(String kind, int n, Thread.Builder builder)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(n);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger completed = new AtomicInteger();
    Runnable task =
        () -> {
          started.countDown();
          try {
            release.await(); // a virtual thread unmounts here: its frames move to the heap
            completed.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // not counted as completed
          }
        };
    Thread[] threads = new Thread[n];

    long heapBefore = heapUsedAfterGc();
    OptionalLong rssBefore = rssKib();
    long gcBefore = gcMillis();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      threads[i] = builder.start(task);
    }
    started.await();
    long startNanos = System.nanoTime() - t0;
    long gcStart = gcMillis() - gcBefore;

    for (Thread t : threads) { // all parked (not merely counted down) before we look at memory
      while (t.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
    }
    OptionalLong rssParked = rssKib(); // before the GC below, which may shrink the heap
    long heapParked = heapUsedAfterGc();

    long gcBeforeJoin = gcMillis();
    long t1 = System.nanoTime();
    release.countDown();
    for (Thread t : threads) {
      t.join();
    }
    long joinNanos = System.nanoTime() - t1;
    long gcJoin = gcMillis() - gcBeforeJoin;

    OptionalLong rssDelta =
        rssBefore.isPresent() && rssParked.isPresent()
            ? OptionalLong.of(rssParked.getAsLong() - rssBefore.getAsLong())
            : OptionalLong.empty();
    return new Row(
        kind,
        n,
        completed.get(),
        startNanos + joinNanos,
        gcStart + gcJoin,
        heapParked - heapBefore,
        rssDelta);
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static long heapUsedAfterGc() {
    System.gc(); // a full collection, so "used" is close to "live"
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Resident set size in KiB from /proc/self/status, or empty where there is no procfs. */
  private static OptionalLong rssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty(); // not Linux: the column says n/a
    }
    return OptionalLong.empty();
  }

  private static String stackReservation() {
    String kib =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption("ThreadStackSize")
            .getValue();
    return kib + " KiB";
  }
}
