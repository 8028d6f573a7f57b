package dev.prep.memory.demo;

import dev.prep.support.ProbeJvm;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The child JVM of {@link ThreadStackDemo} for one depth of platform threads: a fresh process, so
 * no thread of an earlier row is still unwinding and no cached stack of an earlier row is reused.
 * Prints {@code result <reserved KiB> <committed KiB> <heap bytes> <threads>} per thread and the
 * thread count NMT saw, or {@code result nmt-off} when Native Memory Tracking is off.
 */
public final class ThreadStackProbe {

  private static final Pattern NMT_THREADS =
      Pattern.compile("\\(threads #(\\d+)\\)\\s+\\(stack: reserved=(\\d+)KB, committed=(\\d+)KB");

  /** NMT's "Thread" category: how many threads, and their stacks in KiB. */
  record NativeStacks(long threads, long reservedKib, long committedKib) {}

  private ThreadStackProbe() {}

  public static void main(String[] args) throws InterruptedException {
    int depth = Integer.parseInt(args[0]);
    warmUp(depth);
    if (nativeStacks().isEmpty()) {
      System.out.println(ProbeJvm.RESULT + "nmt-off");
      return;
    }
    CountDownLatch ready = new CountDownLatch(ThreadStackDemo.THREADS);
    CountDownLatch release = new CountDownLatch(1);
    long heapBefore = heapUsedAfterGc();
    NativeStacks before = nativeStacks().orElseThrow();
    List<Thread> threads = startParked(Thread.ofPlatform(), depth, ready, release);
    NativeStacks after = nativeStacks().orElseThrow();
    long heapAfter = heapUsedAfterGc();
    release.countDown();
    for (Thread t : threads) {
      t.join();
    }
    int n = ThreadStackDemo.THREADS;
    System.out.printf(
        Locale.ROOT,
        "%s%.1f %.1f %d %d%n",
        ProbeJvm.RESULT,
        (after.reservedKib() - before.reservedKib()) / (double) n,
        (after.committedKib() - before.committedKib()) / (double) n,
        (heapAfter - heapBefore) / n,
        after.threads() - before.threads());
  }

  /** Starts THREADS threads that recurse to depth and park; returns once all of them are parked. */
  static List<Thread> startParked(
      Thread.Builder builder, int depth, CountDownLatch ready, CountDownLatch release)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < ThreadStackDemo.THREADS; i++) {
      threads.add(builder.start(() -> dive(depth, ready, release)));
    }
    ready.await();
    for (Thread t : threads) { // counted down is not yet parked: wait until each one is
      while (t.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
    }
    return threads;
  }

  /** Recurses depth frames deep, then parks until released. */
  static int dive(int depth, CountDownLatch ready, CountDownLatch release) {
    if (depth == 0) {
      ready.countDown();
      try {
        release.await(); // a virtual thread unmounts here: its frames move to the heap
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
    return dive(depth - 1, ready, release) + 1; // not a tail call: every frame stays
  }

  /** Compiles dive (so its frames have their final size) and starts the JIT's threads. */
  static void warmUp(int depth) throws InterruptedException {
    CountDownLatch open = new CountDownLatch(0);
    long sum = 0;
    for (int i = 0; i < 2_000; i++) {
      sum += dive(depth, open, open); // an open latch: returns at once
    }
    Thread v = Thread.ofVirtual().start(() -> dive(depth, open, open)); // starts the carriers
    v.join();
    if (sum < 0) {
      System.out.println(sum); // never: keeps the warm-up from being dead code
    }
  }

  /** The "Thread" category of NMT's summary, or empty when NMT is off. */
  static Optional<NativeStacks> nativeStacks() {
    try {
      Object out =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "vmNativeMemory",
                  new Object[] {new String[] {"summary"}},
                  new String[] {String[].class.getName()});
      Matcher m = NMT_THREADS.matcher(String.valueOf(out));
      return m.find()
          ? Optional.of(
              new NativeStacks(
                  Long.parseLong(m.group(1)),
                  Long.parseLong(m.group(2)),
                  Long.parseLong(m.group(3))))
          : Optional.empty(); // "Native memory tracking is not enabled"
    } catch (JMException e) {
      return Optional.empty();
    }
  }

  static long heapUsedAfterGc() {
    System.gc(); // a full collection, so "used" is close to "live"
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
