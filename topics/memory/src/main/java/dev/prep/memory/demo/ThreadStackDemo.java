package dev.prep.memory.demo;

import dev.prep.support.Machine;
import dev.prep.support.ProbeJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/*
 * Thread stacks: what a platform thread, a virtual thread and a goroutine cost, by stack depth.
 *
 * A platform thread's stack is native memory, reserved whole when the thread starts: ThreadStackSize
 * (-Xss) is 1,024 KiB on Linux x64, a HotSpot flag. Reserved is address space, not RAM. The kernel
 * backs a page only when the thread first touches it, so what a thread really costs (committed, or
 * resident) grows with the deepest call chain it ever reached, and never shrinks back while it
 * lives. Past the reservation there is no growing: StackOverflowError.
 *
 * A virtual thread (JEP 444) has no native stack of its own. It runs on a carrier's stack, and when
 * it blocks its frames are copied into jdk.internal.vm.StackChunk objects on the Java heap, sized
 * by the frames it really has, and copied back when it resumes. JEP 444: these stacks "grow and
 * shrink as the application runs", up to the same depth a platform thread's stack allows. Its cost
 * is heap, proportional to its depth, and the GC reclaims it.
 *
 * A goroutine sits in between: its stack is contiguous memory taken from Go's heap, starting at
 * 2 KiB (go1.4 release notes; _StackMin = 2048 in go1.19 runtime/stack.go) and, when a call does not
 * fit, copied to a stack twice the size (contiguous stacks since go1.3) — so it grows in powers of
 * two and stays as deep as it got, until the GC shrinks it. The goroutine rows of the table were
 * measured with the program at the end of this comment (go1.19.8 linux/amd64, 2 cores): they are
 * quoted, not run.
 *
 * The experiment. For each depth (10, 100, 1000 frames of a small recursive method), start 200
 * threads that recurse to that depth and park there; with all 200 parked, measure and release them.
 *  - native stack per platform thread, from Native Memory Tracking: the "Thread" category's stack
 *    line, reserved and committed, before and after, divided by 200. NMT must be on from JVM start
 *    (-XX:NativeMemoryTracking=summary) and is read through the DiagnosticCommand MBean, the
 *    in-process twin of `jcmd <pid> VM.native_memory summary`. It counts a stack page as committed
 *    when it is resident, i.e. touched. Each depth runs in a fresh child JVM (ThreadStackProbe):
 *    in one JVM, threads of the previous row still unwinding and stacks that glibc caches and hands
 *    to the next threads blur the numbers.
 *  - heap per thread: heap used after a full GC with all 200 parked, minus before, divided by 200.
 *    For a platform thread that is only the java.lang.Thread object and friends; for a virtual
 *    thread it is the whole thread, stack chunks included. Virtual rows run in this JVM.
 *
 * What you should see: platform threads reserve 1,024 KiB each at every depth and have about
 * 100 KiB resident even at depth 10. Most of that is not the thread's frames: HotSpot touches
 * every page of the stack's shadow zone below the stack pointer (StackShadowPages, 20 pages of
 * 4 KiB on Linux x64), the room it keeps so that native code called from Java cannot overflow
 * unnoticed; start the probe with -XX:StackShadowPages=30 and each thread has 40 KiB more
 * resident. Deeper threads add their frames on top. Virtual threads: no native stack, a few KiB of heap at depth 10, growing roughly
 * linearly with depth. Goroutines: 4 KiB, 8 KiB, 64 KiB, doubling as they go. Numbers depend on
 * the JDK and on the frame sizes the JIT chose; the demo test checks only their shape.
 *
 *     package main // go run . (go.mod: module stackdepth, go 1.19)
 *
 *     import ("fmt"; "runtime"; "sync")
 *
 *     func dive(depth int, ready *sync.WaitGroup, release <-chan struct{}) int {
 *         if depth == 0 {
 *             ready.Done()
 *             <-release // parked: the goroutine keeps its stack, sized for its depth
 *             return 0
 *         }
 *         return dive(depth-1, ready, release) + 1
 *     }
 *
 *     func main() {
 *         const n = 200
 *         var m runtime.MemStats
 *         for _, depth := range []int{10, 100, 1000} {
 *             var ready, done sync.WaitGroup
 *             release := make(chan struct{})
 *             runtime.ReadMemStats(&m)
 *             before := m.StackInuse
 *             for i := 0; i < n; i++ {
 *                 ready.Add(1)
 *                 done.Add(1)
 *                 go func() { defer done.Done(); dive(depth, &ready, release) }()
 *             }
 *             ready.Wait()
 *             runtime.ReadMemStats(&m)
 *             perG := (m.StackInuse - before) / n
 *             fmt.Printf("depth %4d: %6d B of stack per goroutine\n", depth, perG)
 *             close(release)
 *             done.Wait()
 *         }
 *     }
 *
 * Run: prep demo memory thread-stacks
 */
public final class ThreadStackDemo {

  static final int THREADS = 200;
  static final int[] DEPTHS = {10, 100, 1000};

  /** Measured with the Go program in the comment above: go1.19.8 linux/amd64, 2 cores. */
  private static final long[] GO_STACK_BYTES = {4_096, 8_355, 65_536};

  private static final List<String> PROBE_OPTIONS = List.of("-XX:NativeMemoryTracking=summary");
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(30);

  /** Per thread: native stack in KiB (empty where there is none or NMT is off), heap in bytes. */
  record Row(
      String kind,
      int depth,
      Optional<Double> reservedKib,
      Optional<Double> committedKib,
      long heapBytes) {}

  private ThreadStackDemo() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println("== Thread stacks: platform vs virtual threads vs goroutines, by depth ==");
    System.out.println(
        "Watch: a platform thread reserves a fixed 1 MiB of native stack and has a part of it"
            + " resident; a parked virtual thread keeps its frames on the heap, sized by its depth.");
    System.out.println(
        "Machine: "
            + Machine.describe()
            + "; "
            + THREADS
            + " threads per row, parked at the given recursion depth");
    System.out.println(
        "Platform rows: one child JVM each with "
            + String.join(" ", PROBE_OPTIONS)
            + ", native stacks from NMT (DiagnosticCommand MBean)");
    System.out.println();

    List<Row> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int depth : DEPTHS) {
      rows.add(platform(depth, problems));
    }
    ThreadStackProbe.warmUp(DEPTHS[DEPTHS.length - 1]);
    for (int depth : DEPTHS) {
      rows.add(virtual(depth));
    }

    System.out.printf(
        "%-10s %6s %22s %26s %16s%n",
        "kind", "depth", "native stack reserved", "stack resident", "heap (after GC)");
    for (Row r : rows) {
      boolean virtual = r.kind().equals("virtual");
      System.out.printf(
          Locale.ROOT,
          "%-10s %,6d %22s %26s %16s%n",
          r.kind(),
          r.depth(),
          virtual ? "none" : kib(r.reservedKib()),
          virtual ? "on the heap when parked" : kib(r.committedKib()) + " (NMT)",
          kib(Optional.of(r.heapBytes() / 1024.0)));
    }
    for (int i = 0; i < DEPTHS.length; i++) {
      System.out.printf(
          Locale.ROOT,
          "%-10s %,6d %22s %26s %16s%n",
          "goroutine",
          DEPTHS[i],
          "none",
          kib(Optional.of(GO_STACK_BYTES[i] / 1024.0)) + " (StackInuse)",
          "-");
    }
    System.out.println(
        "(all per thread; the goroutine rows are quoted: go1.19.8 linux/amd64, program in the"
            + " demo's source)");
    for (String problem : problems) {
      System.out.println(problem);
    }
    System.out.println();
    Row platformShallow = rows.getFirst();
    Row virtualShallow = rows.get(DEPTHS.length);
    Row virtualDeep = rows.getLast();
    System.out.printf(
        Locale.ROOT,
        "You just saw: a platform thread reserves %s of native stack at any depth (%s resident"
            + " at depth %d); a parked virtual thread needs no native stack and took %s of heap at"
            + " depth %d, %s at depth %d.%n",
        kib(platformShallow.reservedKib()),
        kib(platformShallow.committedKib()),
        platformShallow.depth(),
        kib(Optional.of(virtualShallow.heapBytes() / 1024.0)),
        virtualShallow.depth(),
        kib(Optional.of(virtualDeep.heapBytes() / 1024.0)),
        virtualDeep.depth());
  }

  /** One depth of platform threads, measured in a child JVM with NMT on. */
  static Row platform(int depth, List<String> problems) throws IOException, InterruptedException {
    ProbeJvm.Result r =
        ProbeJvm.run(
            ThreadStackProbe.class, PROBE_OPTIONS, List.of(String.valueOf(depth)), PROBE_DEADLINE);
    List<String> results = r.results();
    if (results.size() != 1 || results.getFirst().equals("nmt-off")) {
      problems.add(
          results.equals(List.of("nmt-off"))
              ? "Native Memory Tracking is off in the child JVM: native stacks are n/a."
              : "platform threads at depth " + depth + ": child JVM failed: " + r.lines());
      return new Row("platform", depth, Optional.empty(), Optional.empty(), 0);
    }
    String[] f = results.getFirst().split(" "); // reserved committed heap threads
    if (Long.parseLong(f[3]) != THREADS) {
      problems.add(
          "note: NMT counted " + f[3] + " new threads at depth " + depth + ", not " + THREADS);
    }
    return new Row(
        "platform",
        depth,
        Optional.of(Double.parseDouble(f[0])),
        Optional.of(Double.parseDouble(f[1])),
        Long.parseLong(f[2]));
  }

  /** One depth of virtual threads, in this JVM: the heap is all they use. */
  static Row virtual(int depth) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch release = new CountDownLatch(1);
    long heapBefore = ThreadStackProbe.heapUsedAfterGc();
    List<Thread> threads = ThreadStackProbe.startParked(Thread.ofVirtual(), depth, ready, release);
    long heapAfter = ThreadStackProbe.heapUsedAfterGc();
    release.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return new Row(
        "virtual", depth, Optional.empty(), Optional.empty(), (heapAfter - heapBefore) / THREADS);
  }

  private static String kib(Optional<Double> kib) {
    return kib.map(k -> String.format(Locale.ROOT, "%,.1f KiB", Math.max(0, k))).orElse("n/a");
  }
}
