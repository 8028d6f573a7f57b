package dev.prep.gc.demo;

import dev.prep.support.Machine;
import dev.prep.support.ProbeJvm;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/*
 * Weak, soft and phantom references (弱引用, 软引用, 虚引用) and Cleaner, observed.
 *
 * A collector keeps what is reachable through ordinary (strong) references. java.lang.ref adds
 * references the collector may look through, each with its own rule, checked here one by one:
 *  - WeakReference: cleared as soon as a GC finds the referent reachable only through weak
 *    references. "Weak references are most often used to implement canonicalizing mappings"
 *    (its javadoc); WeakHashMap holds its keys this way.
 *  - SoftReference: cleared "at the discretion of the garbage collector in response to memory
 *    demand", and "All soft references to softly-reachable objects are guaranteed to have been
 *    cleared before the virtual machine throws an OutOfMemoryError" (its javadoc): "most often
 *    used to implement memory-sensitive caches". HotSpot keeps a softly reachable object for
 *    SoftRefLRUPolicyMSPerMB milliseconds per free MiB of heap since it was last used (get()), so
 *    with room to spare an explicit System.gc() keeps it. Showing it cleared means filling a heap,
 *    so that part runs in a child JVM with -Xmx32m (SoftReferenceProbe); this JVM never risks an
 *    OutOfMemoryError.
 *  - PhantomReference: get() always returns null, so the object can never be reached again
 *    through it; the reference is enqueued once the object is unreachable. "Phantom references are
 *    most often used to schedule post-mortem cleanup actions" (its javadoc).
 *  - Cleaner (JDK 9) wraps that pattern: register(object, action) runs the action on the
 *    cleaner's thread once the object is phantom reachable, or earlier through Cleanable.clean(),
 *    which is how a class implementing AutoCloseable should use it: close() calls clean(), and the
 *    cleaner is the safety net when someone forgets. The action must not refer to the object, or
 *    the object stays reachable forever. It replaces Object.finalize(), deprecated for removal by
 *    JEP 421 (JDK 18).
 * A reference can be registered with a ReferenceQueue: once cleared (weak, soft) or once the
 * object is unreachable (phantom), the JVM's Reference Handler thread appends it there, so a
 * program learns which entries to drop without polling every reference.
 *
 * Go: package weak (Go 1.24) has weak.Pointer, cleared once the object is unreachable (the
 * Java WeakReference, says its internal/weak documentation), and runtime.AddCleanup (Go 1.24) is
 * Cleaner's twin, preferred to runtime.SetFinalizer (go1.24 release notes). Go has no soft
 * references.
 *
 * Every wait below is bounded: at most MAX_GCS explicit collections, each followed by a wait of
 * at most 100 ms for the Reference Handler or the Cleaner's thread. System.gc() is a request the
 * JVM may ignore (-XX:+DisableExplicitGC), in which case the rows say "no".
 *
 * Run: prep demo gc references
 */
public final class ReferencesDemo {

  static final int MAX_GCS = 10;
  private static final Duration WAIT = Duration.ofMillis(100);
  static final List<String> SOFT_PROBE_OPTIONS = List.of("-Xmx32m", "-XX:+UseG1GC");
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(20);

  /** One row of the summary table. */
  record Row(String kind, String clearedWhen, boolean observed, String usedFor) {}

  private ReferencesDemo() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println("== References: weak, soft, phantom and Cleaner, observed ==");
    System.out.println(
        "Watch: the weak reference clears at the first GC after its object becomes garbage; the"
            + " soft one survives GCs until the heap runs short; the phantom one and the Cleaner"
            + " fire after their object is gone.");
    System.out.println("Machine: " + Machine.describe());
    System.out.println();

    // --- weak -----------------------------------------------------------------------------------
    var weakQueue = new ReferenceQueue<Object>();
    WeakReference<Object> weak = weakToGarbage(weakQueue);
    Object held = new Object();
    WeakReference<Object> weakToHeld = new WeakReference<>(held);
    int weakGcs = gcUntil(() -> weak.refersTo(null));
    Reference<?> queued = weakQueue.remove(WAIT.toMillis());
    boolean heldSurvived = !weakToHeld.refersTo(null);
    Reference.reachabilityFence(held); // held stays strongly reachable up to here
    boolean weakCleared = weak.refersTo(null);
    System.out.println("WeakReference to an object nothing else holds:");
    System.out.println(
        "  cleared: "
            + (weakCleared ? "yes, after " + plural(weakGcs, "System.gc()") : "no")
            + "; enqueued on its ReferenceQueue: "
            + (queued == weak ? "yes" : "no"));
    System.out.println(
        "  a WeakReference to an object still held strongly, over the same GCs: "
            + (heldSurvived ? "not cleared" : "cleared (unexpected)"));
    System.out.println();

    // --- soft, in a child JVM --------------------------------------------------------------------
    ProbeJvm.Result soft =
        ProbeJvm.run(SoftReferenceProbe.class, SOFT_PROBE_OPTIONS, List.of(), PROBE_DEADLINE);
    Optional<String> softCleared = Optional.empty();
    int survived = -1;
    System.out.println(
        "SoftReference to a 4 MiB array, in a child JVM ("
            + String.join(" ", SOFT_PROBE_OPTIONS)
            + "):");
    if (soft.timedOut() || soft.exitCode() != 0) {
      System.out.println(
          "  the child JVM failed: "
              + (soft.timedOut() ? "killed after " + PROBE_DEADLINE.toSeconds() + " s" : "")
              + soft.lines());
    } else {
      survived = Integer.parseInt(soft.result("survived-gcs"));
      boolean cleared = soft.results().stream().anyMatch(r -> r.startsWith("cleared-after-mib "));
      String kept = cleared ? soft.result("cleared-after-mib") : soft.result("not-cleared");
      if (cleared) {
        softCleared = Optional.of(kept);
      }
      System.out.printf(
          "  survived %d of %d System.gc() calls (SoftRefLRUPolicyMSPerMB = %s)%n",
          survived, SoftReferenceProbe.GCS, soft.result("lru-ms-per-mib"));
      System.out.printf(
          "  then, keeping 256 KiB arrays: %s with %s MiB kept of a %s MiB heap%n",
          cleared ? "cleared" : "NOT cleared", kept, soft.result("max-heap-mib"));
    }
    System.out.println();

    // --- phantom ---------------------------------------------------------------------------------
    var phantomQueue = new ReferenceQueue<Object>();
    Object doomed = new Object();
    PhantomReference<Object> phantom = new PhantomReference<>(doomed, phantomQueue);
    boolean getIsNull = phantom.get() == null; // even now, while doomed is strongly reachable
    doomed = null; // the only strong reference goes: from here on it is garbage
    int phantomGcs = 0;
    Reference<?> phantomQueued = null;
    while (phantomQueued == null && phantomGcs < MAX_GCS) {
      System.gc();
      phantomGcs++;
      phantomQueued = phantomQueue.remove(WAIT.toMillis());
    }
    boolean phantomEnqueued = phantomQueued == phantom;
    System.out.println("PhantomReference:");
    System.out.println(
        "  get() while the object was alive: " + (getIsNull ? "null, as always" : "not null"));
    System.out.println(
        "  enqueued once the object was unreachable: "
            + (phantomEnqueued ? "yes, after " + plural(phantomGcs, "System.gc()") : "no"));
    System.out.println();

    // --- Cleaner ---------------------------------------------------------------------------------
    Cleaner cleaner = Cleaner.create();
    var ran = new CountDownLatch(1);
    var cleanerThread = new AtomicReference<String>();
    registerGarbage(cleaner, ran, cleanerThread);
    int cleanerGcs = 0;
    boolean cleanerRan = false;
    while (!cleanerRan && cleanerGcs < MAX_GCS) {
      System.gc();
      cleanerGcs++;
      cleanerRan = ran.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
    System.out.println("Cleaner.register(object, action), then the object dropped:");
    System.out.println(
        "  action ran: "
            + (cleanerRan
                ? "yes, after "
                    + plural(cleanerGcs, "System.gc()")
                    + ", on thread \""
                    + cleanerThread.get()
                    + "\""
                : "no"));
    System.out.println();

    List<Row> rows =
        List.of(
            new Row(
                "WeakReference",
                "first GC after only weakly reachable",
                weakCleared,
                "canonicalising maps (WeakHashMap keys)"),
            new Row(
                "SoftReference",
                "when memory runs short, before OOM",
                survived > 0 && softCleared.isPresent(),
                "memory-sensitive caches"),
            new Row(
                "PhantomReference",
                "enqueued once unreachable; get() null",
                getIsNull && phantomEnqueued,
                "post-mortem cleanup"),
            new Row(
                "Cleaner",
                "action runs once phantom reachable",
                cleanerRan,
                "releasing native resources; not finalize()"));
    String format = "%-17s %-38s %-9s %s%n";
    System.out.printf(format, "kind", "cleared when", "observed", "what it is for");
    for (Row r : rows) {
      System.out.printf(
          format, r.kind(), r.clearedWhen(), r.observed() ? "yes" : "no", r.usedFor());
    }
    System.out.println(
        "finalize(): deprecated for removal (JEP 421). Go: weak.Pointer and runtime.AddCleanup"
            + " (Go 1.24); no soft references.");
    System.out.println();
    String softClause =
        "a soft one kept over "
            + survived
            + " System.gc() calls and cleared only when the heap ran short (%s MiB kept)";
    System.out.println(
        "You just saw: "
            + (weakCleared
                ? "a weak reference cleared by the first GC after its object became garbage"
                : "a weak reference NOT cleared (was System.gc() disabled?)")
            + "; "
            + softCleared
                .map(mib -> softClause.formatted(mib))
                .orElse("a soft one NOT seen cleared")
            + "; "
            + (phantomEnqueued && cleanerRan
                ? "a phantom reference enqueued and a Cleaner's action run once their objects were"
                    + " gone."
                : "phantom enqueued: " + phantomEnqueued + ", Cleaner ran: " + cleanerRan + "."));
  }

  /** Built in its own frame, so no local variable of main still holds the referent. */
  private static WeakReference<Object> weakToGarbage(ReferenceQueue<Object> queue) {
    return new WeakReference<>(new Object(), queue);
  }

  /** The action captures the latch and the thread name, never the object it cleans up after. */
  private static void registerGarbage(
      Cleaner cleaner, CountDownLatch ran, AtomicReference<String> thread) {
    Object resource = new Object();
    cleaner.register(
        resource,
        () -> {
          thread.set(Thread.currentThread().getName());
          ran.countDown();
        });
  }

  /** Calls System.gc() until {@code done}, at most MAX_GCS times; returns how many calls. */
  private static int gcUntil(java.util.function.BooleanSupplier done) {
    int gcs = 0;
    while (!done.getAsBoolean() && gcs < MAX_GCS) {
      System.gc();
      gcs++;
    }
    return gcs;
  }

  private static String plural(int n, String what) {
    return n + " " + what + (n == 1 ? "" : " calls");
  }
}
