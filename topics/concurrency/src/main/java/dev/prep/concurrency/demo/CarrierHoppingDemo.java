package dev.prep.concurrency.demo;

import dev.prep.support.Machine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/*
 * Virtual threads hop between carrier threads: Go's G on M, Java edition.
 *
 * Go's scheduler (go1.19 runtime/proc.go: "G - goroutine. M - worker thread, or machine. P -
 * processor") runs goroutines on OS threads; a goroutine that blocks is parked, and when it is ready
 * again it goes into a run queue from which any M holding a P may take it. Nothing promises it comes
 * back to the thread it left. Go hides this: there is no goroutine ID and no "current M" (by design,
 * see the Go FAQ), and runtime.LockOSThread is the explicit way to wire a goroutine to one thread.
 *
 * Virtual threads are the same design (JEP 444): the JDK's scheduler is a FIFO ForkJoinPool whose
 * workers are the carriers (≈ M), with parallelism = available processors (≈ GOMAXPROCS), adjustable
 * with -Djdk.virtualThreadScheduler.parallelism (JDK 25 VirtualThread.createDefaultScheduler). When a
 * virtual thread blocks — sleep, park, a queue, a socket — its frames are copied to the heap and the
 * carrier is free; when it is unblocked, its continuation is submitted to the pool again and any idle
 * worker mounts it. Java does show the carrier: Thread.toString() of a mounted virtual thread is
 *
 *     VirtualThread[#22,hopper-1]/runnable@ForkJoinPool-1-worker-1
 *
 * and the part after '@' is the carrier. (That string is for humans, not an API: never branch on it
 * in real code. Thread identity is the virtual thread, and so are ThreadLocals.)
 *
 * Part 1 lets four virtual threads sleep a few times and records the carrier after every wake-up:
 * how often they hop depends on timing, so the count varies from run to run.
 * Part 2 forces a hop: one virtual thread parks; we then occupy the carrier it left with a busy
 * virtual thread (a carrier is never taken away from a running virtual thread: there is no time
 * slicing, JEP 444) and unpark it. It must resume on another carrier. This needs parallelism >= 2;
 * topic.toml runs the demo with -Djdk.virtualThreadScheduler.parallelism=2 so the names are short.
 *
 * What to watch for: one virtual thread (#id) running on worker-1, then worker-2, then worker-1;
 * the platform main thread, which has no carrier at all.
 *
 * Run: prep demo concurrency carrier-hopping
 */
public final class CarrierHoppingDemo {

  static final int HOPPERS = 4;
  static final int SLEEPS = 6;

  private static final String GO =
      """
        go func() {
            time.Sleep(5 * time.Millisecond) // G parks; its M runs other Gs meanwhile
            // ... resumes on whichever M (with a P) takes it from a run queue
        }()
        runtime.LockOSThread() // the opposite: wire this goroutine to its current M""";

  private CarrierHoppingDemo() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("== Virtual threads hop between carrier threads ==");
    System.out.println(
        "Watch: the same virtual thread (#id) resumes on different ForkJoinPool workers after it"
            + " blocks; a platform thread has no carrier.");
    System.out.println(
        "Machine: " + Machine.describe() + ", scheduler parallelism " + parallelism());
    System.out.println("Go, for comparison:");
    System.out.println(GO);
    System.out.println();
    System.out.println(
        "main thread:  " + Thread.currentThread() + "  -> carrier: none (a platform thread)");
    System.out.println();

    System.out.printf(
        "Part 1: %d virtual threads, each sleeps %d times; carrier after each wake-up%n",
        HOPPERS, SLEEPS);
    Map<String, List<String>> paths = naturalHops();
    int hops = 0;
    Set<String> carriers = new LinkedHashSet<>();
    for (var e : paths.entrySet()) {
      List<String> path = e.getValue();
      int mine = hopsIn(path);
      hops += mine;
      path.forEach(t -> carriers.add(carrierOf(t)));
      System.out.printf(
          "  %-14s %s  (hops: %d)%n", e.getKey(), String.join(" -> ", shorten(path)), mine);
    }
    System.out.printf(
        "  %d hops in %d wake-ups, on %d distinct carriers %s (varies by run)%n",
        hops, HOPPERS * SLEEPS, carriers.size(), shorten(new ArrayList<>(carriers)));
    System.out.println();

    System.out.println("Part 2: a forced hop — park, occupy the carrier it left, unpark");
    ForcedHop forced = forcedHop();
    System.out.println("  before park:   " + forced.before());
    System.out.println("  occupied by:   " + forced.occupier());
    System.out.println("  after unpark:  " + forced.after());
    boolean hopped = !carrierOf(forced.before()).equals(carrierOf(forced.after()));
    System.out.println(
        "  same virtual thread: "
            + forced.before().startsWith(idOf(forced.after()))
            + ", resumed on a different carrier: "
            + (hopped ? "yes" : "no"));
    System.out.println();
    System.out.println(
        "You just saw: a virtual thread keeps its identity but not its carrier — after blocking it"
            + " resumes on whichever carrier is free, as a goroutine resumes on whichever M has a P.");
  }

  /** Each hopper records its carrier at the start and after every sleep. */
  private static Map<String, List<String>> naturalHops() throws InterruptedException {
    Map<String, List<String>> paths = new ConcurrentHashMap<>();
    try (var executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hopper-", 1).factory())) {
      for (int i = 0; i < HOPPERS; i++) {
        executor.submit(
            () -> {
              List<String> seen = new ArrayList<>();
              seen.add(Thread.currentThread().toString());
              for (int s = 0; s < SLEEPS; s++) {
                busyMicros(500); // keep the carriers a little busy, so wake-ups compete
                Thread.sleep(5); // unmounts: the carrier is free for other virtual threads
                seen.add(Thread.currentThread().toString());
              }
              paths.put(nameOf(seen.getFirst()), seen);
              return null;
            });
      }
    } // close() waits for all of them, like wg.Wait()
    return new TreeMap<>(paths);
  }

  record ForcedHop(String before, String occupier, String after) {}

  private static ForcedHop forcedHop() throws InterruptedException {
    String[] before = new String[1];
    String[] after = new String[1];
    String[] occupier = new String[1];
    CountDownLatch parked = new CountDownLatch(1);
    CountDownLatch occupied = new CountDownLatch(1);
    CountDownLatch resumed = new CountDownLatch(1);
    // counted down whether or not an occupier landed
    CountDownLatch released = new CountDownLatch(1);

    Thread hopper =
        Thread.ofVirtual()
            .name("forced")
            .start(
                () -> {
                  before[0] = Thread.currentThread().toString();
                  parked.countDown();
                  while (released.getCount() > 0) {
                    LockSupport.park(); // unmounts; spurious wake-ups just loop
                  }
                  after[0] = Thread.currentThread().toString();
                  resumed.countDown();
                });
    parked.await();
    String carrier = carrierOf(before[0]);

    // Start occupiers until one lands on the hopper's old carrier; it spins there until the hopper
    // has resumed (bounded: 2 s). The others see a different carrier and end at once.
    for (int attempt = 0; attempt < 200 && occupied.getCount() > 0; attempt++) {
      Thread occupierThread =
          Thread.ofVirtual()
              .name("occupier-" + attempt)
              .start(
                  () -> {
                    String me = Thread.currentThread().toString();
                    if (!carrierOf(me).equals(carrier)) {
                      return;
                    }
                    occupier[0] = me;
                    occupied.countDown();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    while (resumed.getCount() > 0 && System.nanoTime() < deadline) {
                      Thread.onSpinWait(); // never blocks, so this carrier stays taken
                    }
                  });
      if (!occupied.await(20, TimeUnit.MILLISECONDS)) {
        occupierThread.join();
      }
    }
    released.countDown(); // also when no occupier landed (a busy machine): never wait forever
    LockSupport.unpark(hopper);
    hopper.join();
    return new ForcedHop(
        before[0], occupier[0] == null ? "(nobody: parallelism 1?)" : occupier[0], after[0]);
  }

  static String carrierOf(String virtualThreadToString) {
    int at = virtualThreadToString.lastIndexOf('@');
    return at < 0 ? "none" : virtualThreadToString.substring(at + 1);
  }

  private static String idOf(String virtualThreadToString) {
    return virtualThreadToString.substring(0, virtualThreadToString.indexOf(','));
  }

  private static String nameOf(String virtualThreadToString) {
    int comma = virtualThreadToString.indexOf(',');
    return virtualThreadToString.substring(comma + 1, virtualThreadToString.indexOf(']'))
        + " "
        + virtualThreadToString.substring(virtualThreadToString.indexOf('#'), comma);
  }

  private static int hopsIn(List<String> path) {
    int hops = 0;
    for (int i = 1; i < path.size(); i++) {
      hops += carrierOf(path.get(i)).equals(carrierOf(path.get(i - 1))) ? 0 : 1;
    }
    return hops;
  }

  private static List<String> shorten(List<String> path) {
    return path.stream()
        .map(t -> t.contains("@") ? carrierOf(t) : t)
        .map(c -> c.replaceFirst("^ForkJoinPool-\\d+-", ""))
        .toList();
  }

  private static String parallelism() {
    return System.getProperty(
        "jdk.virtualThreadScheduler.parallelism",
        Runtime.getRuntime().availableProcessors() + " (default: cores)");
  }

  private static void busyMicros(long micros) {
    long end = System.nanoTime() + micros * 1_000;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
