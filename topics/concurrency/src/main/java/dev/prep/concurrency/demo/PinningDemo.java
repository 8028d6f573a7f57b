package dev.prep.concurrency.demo;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.prep.support.Machine;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/*
 * What still pins a carrier thread in JDK 25.
 *
 * A virtual thread that blocks normally unmounts: its frames are copied to the heap and its carrier
 * runs someone else. It is "pinned" when it cannot unmount, so blocking blocks the carrier too, and
 * with as many carriers as cores a handful of pinned threads can stall every virtual thread.
 *
 * JDK 21 (JEP 444) pinned in two cases: inside synchronized, and while a native method or foreign
 * function is on the stack. JEP 491 (JDK 24) removed the first: the JVM now tracks monitors per
 * virtual thread, so blocking inside synchronized, blocking to enter a monitor, and Object.wait()
 * all unmount (with the default lightweight locking). The advice "replace synchronized with
 * ReentrantLock for virtual threads" is obsolete on 24+.
 *
 * What remains, per JEP 491: "if a virtual thread calls native code, either through a native method
 * or the Foreign Function & Memory API, and that native code calls back to Java code that performs a
 * blocking operation or blocks on a monitor, then the virtual thread will be pinned" — a continuation
 * cannot copy native frames. The same holds for frames of the VM itself: the CSR for JEP 491
 * (JDK-8338813) records jdk.VirtualThreadPinned when a virtual thread blocks "while pinned due to a
 * native or VM frame", which "includes blocking during class loading while executing a class
 * initializer", and also when "waiting in the VM for another thread to initialize a class" (later
 * JDKs relax some class-initialization cases: JDK-8369238). The pin reasons are
 * jdk.internal.vm.Continuation.Pinned: NATIVE, MONITOR, CRITICAL_SECTION, EXCEPTION.
 *
 * The same CSR removed -Djdk.tracePinnedThreads; the supported detector is the JFR event
 * jdk.VirtualThreadPinned (threshold 20 ms by default). This demo records it in-process: a
 * jdk.jfr.Recording with a 10 ms threshold around all variants, dumped to a temporary file and read
 * back with RecordingFile; each event's thread is the virtual thread, named after its variant.
 *
 * Each variant runs 4 virtual threads that each block for 50 ms:
 *   synchronized + sleep        JEP 491: unmounts                       expect 0 events
 *   synchronized + wait(50)     JEP 491: unmounts                       expect 0
 *   ReentrantLock + sleep       j.u.c locks always unmounted            expect 0
 *   native upcall + sleep       libc qsort calls back a Java comparator expect 1 per thread
 *                               (FFM upcall), which sleeps: NATIVE frame
 *   class initializer + sleep   one thread sleeps in <clinit>, the      expect > 0
 *                               others wait for the class to be ready
 * The elapsed column shows the cost: a pinned sleeper holds a carrier, so with 2 carriers 4 pinned
 * sleepers need two rounds. It depends on the machine and is never asserted.
 *
 * Go has no pinning in this sense: during a cgo call the goroutine keeps its M (OS thread) but its P
 * is handed to another M (sysmon retakes Ps from threads in syscalls, go1.19 runtime/proc.go), so Go
 * pays for a blocking C call with an extra OS thread instead of losing a scheduler slot.
 *
 * The FFM calls need --enable-native-access=ALL-UNNAMED to run without a warning (topic.toml passes
 * it); run with -Djdk.virtualThreadScheduler.parallelism=2 to see the two-round cost on any machine.
 *
 * Run: prep demo concurrency pinning
 */
public final class PinningDemo {

  static final int THREADS = 4;
  static final Duration BLOCK = Duration.ofMillis(50);
  private static final String EVENT = "jdk.VirtualThreadPinned";

  private static final String GO =
      """
        // #include <stdlib.h>  + an //export'ed Go comparator
        C.qsort(base, n, size, C.cmp) // the goroutine's M blocks in C; its P moves to another M
        runtime.LockOSThread()        // Go's explicit 'pinning': this goroutine keeps this M""";

  /** One way to block inside a virtual thread. */
  record Variant(String name, String expectation, Blocking body) {}

  @FunctionalInterface
  interface Blocking {
    void run() throws Throwable; // invokeExact throws Throwable
  }

  record Outcome(Variant variant, int events, List<String> reasons, long elapsedMillis) {}

  private PinningDemo() {}

  public static void main(String[] args) throws Throwable {
    System.out.println("== What still pins a carrier thread in JDK 25 ==");
    System.out.println(
        "Watch: the pinned-event column — 0 for synchronized since JEP 491, > 0 when a native frame"
            + " (an FFM upcall) or a class initializer is on the stack.");
    System.out.println(
        "Machine: "
            + Machine.describe()
            + ", scheduler parallelism "
            + System.getProperty("jdk.virtualThreadScheduler.parallelism", "= cores (default)"));
    System.out.println("Go, for comparison:");
    System.out.println(GO);
    System.out.println();

    List<Variant> variants =
        List.of(
            new Variant("synchronized + sleep", "0 (JEP 491)", PinningDemo::sleepInSynchronized),
            new Variant("synchronized + wait", "0 (JEP 491)", PinningDemo::waitInSynchronized),
            new Variant("ReentrantLock + sleep", "0", PinningDemo::sleepInReentrantLock),
            new Variant(
                "native upcall + sleep", "> 0, native frame", PinningDemo::sleepInNativeUpcall),
            new Variant(
                "class initializer + sleep", "> 0, VM frame", PinningDemo::sleepInClassInit));

    NativeSort.sortTwoInts("compareQuickly"); // warm-up: FFM's first use initializes its classes
    List<Outcome> outcomes = record(variants);

    System.out.printf("%-26s %-18s %13s %10s%n", "variant", "expected", "pinned events", "elapsed");
    for (Outcome o : outcomes) {
      System.out.printf(
          "%-26s %-18s %13d %7d ms%n",
          o.variant().name(), o.variant().expectation(), o.events(), o.elapsedMillis());
    }
    System.out.println();
    System.out.println("Pinned reasons reported by jdk.VirtualThreadPinned (blocking operation):");
    for (Outcome o : outcomes) {
      for (String reason : o.reasons()) {
        System.out.printf("  %-26s %s%n", o.variant().name(), reason);
      }
    }
    System.out.println(
        "("
            + THREADS
            + " virtual threads per variant, each blocking "
            + BLOCK.toMillis()
            + " ms; elapsed is machine-dependent)");
    System.out.println();
    System.out.println(
        "You just saw: since JDK 24 blocking inside synchronized unmounts (0 pinned events), but"
            + " blocking under a native frame or in a class initializer still pins the carrier.");
  }

  /** Runs every variant inside one JFR recording and counts the pinned events per variant. */
  private static List<Outcome> record(List<Variant> variants) throws Exception {
    Map<String, Long> elapsed = new HashMap<>();
    List<RecordedEvent> events;
    try (Recording recording = new Recording()) {
      recording.enable(EVENT).withThreshold(Duration.ofMillis(10)).withoutStackTrace();
      recording.start();
      for (Variant v : variants) {
        elapsed.put(v.name(), runThreads(v));
      }
      recording.stop();
      Path file = Files.createTempFile("pinning", ".jfr");
      try {
        recording.dump(file);
        events = RecordingFile.readAllEvents(file);
      } finally {
        Files.deleteIfExists(file);
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Variant v : variants) {
      List<RecordedEvent> mine =
          events.stream()
              .filter(e -> e.getEventType().getName().equals(EVENT))
              .filter(e -> e.getThread("eventThread") != null)
              .filter(
                  e ->
                      String.valueOf(e.getThread("eventThread").getJavaName()).startsWith(v.name()))
              .toList();
      TreeSet<String> reasons = new TreeSet<>();
      for (RecordedEvent e : mine) {
        reasons.add(e.getString("pinnedReason") + " (" + e.getString("blockingOperation") + ")");
      }
      outcomes.add(new Outcome(v, mine.size(), List.copyOf(reasons), elapsed.get(v.name())));
    }
    return outcomes;
  }

  private static long runThreads(Variant v) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    long t0 = System.nanoTime();
    for (int i = 0; i < THREADS; i++) {
      threads.add(
          Thread.ofVirtual()
              .name(v.name() + " #" + i)
              .start(
                  () -> {
                    try {
                      v.body().run();
                    } catch (Throwable e) { // reported below, after the join
                      synchronized (failure) {
                        failure[0] = e;
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    synchronized (failure) {
      if (failure[0] != null) {
        throw new IllegalStateException(v.name() + " failed", failure[0]);
      }
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  // --- the variants -----------------------------------------------------------------------------

  private static void sleepInSynchronized() throws InterruptedException {
    Object lock = new Object(); // one per thread: we study pinning, not contention
    synchronized (lock) {
      Thread.sleep(BLOCK); // JDK 21-23: pinned; JDK 24+: unmounts holding the monitor
    }
  }

  private static void waitInSynchronized() throws InterruptedException {
    Object lock = new Object();
    synchronized (lock) {
      lock.wait(BLOCK.toMillis()); // nobody notifies: a 50 ms timed wait
    }
  }

  private static void sleepInReentrantLock() throws InterruptedException {
    ReentrantLock lock = new ReentrantLock();
    lock.lock();
    try {
      Thread.sleep(BLOCK);
    } finally {
      lock.unlock();
    }
  }

  private static void sleepInNativeUpcall() throws Throwable {
    NativeSort.sortTwoInts("compareSlowly");
  }

  /** libc's qsort over FFM, with a Java comparator as the upcall: Java -> C -> Java. */
  static final class NativeSort {
    private NativeSort() {}

    @SuppressWarnings("restricted") // FFM downcalls and upcalls: the point of this variant
    static void sortTwoInts(String comparatorName) throws Throwable {
      Linker linker = Linker.nativeLinker();
      MethodHandle qsort =
          linker.downcallHandle(
              linker.defaultLookup().find("qsort").orElseThrow(),
              FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
      MethodHandle comparator =
          MethodHandles.lookup()
              .findStatic(
                  NativeSort.class,
                  comparatorName,
                  MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
      FunctionDescriptor comparatorShape =
          FunctionDescriptor.of(
              JAVA_INT, ADDRESS.withTargetLayout(JAVA_INT), ADDRESS.withTargetLayout(JAVA_INT));
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment upcall = linker.upcallStub(comparator, comparatorShape, arena);
        MemorySegment ints = arena.allocateFrom(JAVA_INT, 2, 1);
        qsort.invokeExact(ints, 2L, JAVA_INT.byteSize(), upcall); // two ints: one comparison
      }
    }

    /**
     * The upcall: Java code running under qsort's C frame. It must not throw (that would crash).
     */
    static int compareSlowly(MemorySegment a, MemorySegment b) {
      try {
        Thread.sleep(BLOCK); // cannot unmount: a native frame is on this stack
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return compareQuickly(a, b);
    }

    /** The warm-up comparator: links FFM's own classes before the recording starts. */
    static int compareQuickly(MemorySegment a, MemorySegment b) {
      return Integer.compare(a.get(JAVA_INT, 0), b.get(JAVA_INT, 0));
    }
  }

  private static void sleepInClassInit() {
    SlowInit.touch(); // the first thread runs <clinit>; the others wait for it in the VM
  }

  /** A class whose static initializer blocks. */
  static final class SlowInit {
    static {
      try {
        Thread.sleep(BLOCK); // blocking with a VM frame (class initialization) on the stack
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private SlowInit() {}

    static void touch() {
      // calling a static method is enough to initialize the class
    }
  }
}
