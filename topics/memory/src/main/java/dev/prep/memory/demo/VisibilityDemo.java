package dev.prep.memory.demo;

import dev.prep.support.Machine;
import dev.prep.support.ProbeJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/*
 * Visibility: a thread that never sees another thread's write.
 *
 * The bug every Java concurrency interview gets to sooner or later:
 *
 *     static boolean stop;                       // not volatile
 *     reader:  while (!stop) { spins++; }
 *     writer:  stop = true;                      // ... and the reader may spin forever
 *
 * Nothing in the reader's loop synchronizes with the writer, so the Java Memory Model (JLS 17.4)
 * does not oblige the reader ever to see the write. HotSpot uses that freedom: once C2 compiles
 * the loop (on-stack replacement, after some thousands of iterations) it sees a field that nothing
 * in the loop writes, reads it once before the loop and never again. The value the reader is stuck
 * with lives in a register, not in a stale cache: x86 caches are coherent and would deliver the new
 * value to any load that asked for it. The interpreter asks on every iteration, which is why the
 * same program under -Xint stops at once.
 *
 * Two fixes, from strong to weak:
 *  - volatile: the write happens-before every later read of the field (JLS 17.4.5), so the reader
 *    sees it, and sees everything the writer did before it. The right answer for a stop flag.
 *  - VarHandle opaque (getOpaque / setOpaque): each access really happens, in program order, and
 *    writes become visible eventually — Doug Lea, "Using JDK 9 Memory Order Modes"
 *    (https://gee.cs.oswego.edu/dl/html/j9mm.html) sums it up as coherence and progress. No
 *    happens-before: fine for a flag that carries no data, wrong for publishing an object.
 * Go has the same bug: the Go memory model (https://go.dev/ref/mem, "Incorrect synchronization")
 * shows `for !done {}` and says "there is no guarantee that the write to done will ever be
 * observed by main"; the fix is atomic.Bool (Go 1.19) or a channel.
 *
 * The experiment. Each variant runs in its own child JVM (VisibilityProbe), so a reader that never
 * stops cannot hold on to a core of this JVM: the probe's reader is a daemon thread, the probe's
 * main sets the flag after 300 ms (enough for C2 to compile the loop), waits up to 1.5 s for the
 * reader to leave its loop and reports; its exit ends the spinning thread.
 *
 * What you should see: the plain flag still spinning after 1.5 s (usually; if the write lands
 * before the loop is compiled, the reader stops — the race decides, and the demo test accepts
 * both); the plain flag under -Xint, volatile and opaque stopping within a millisecond or so.
 *
 * Run: prep demo memory visibility
 */
public final class VisibilityDemo {

  /** One row: a probe variant, extra VM options, and how the reader reads the flag. */
  record Variant(String name, String probeVariant, List<String> vmOptions, String readerLoop) {}

  /** What became of the reader: stopped this long after the write, or still spinning then. */
  record Outcome(Variant variant, boolean stopped, long micros, String failure) {}

  static final List<Variant> VARIANTS =
      List.of(
          new Variant("plain field", VisibilityProbe.PLAIN, List.of(), "while (!stop) spins++;"),
          new Variant(
              "plain field, -Xint",
              VisibilityProbe.PLAIN,
              List.of("-Xint"),
              "the same loop, interpreted only"),
          new Variant(
              "volatile field",
              VisibilityProbe.VOLATILE,
              List.of(),
              "while (!stop) spins++; // volatile"),
          new Variant(
              "VarHandle opaque",
              VisibilityProbe.OPAQUE,
              List.of(),
              "while (!(boolean) STOP.getOpaque()) spins++;"));

  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(20);

  private static final String GO =
      """
        var done bool                  // go.dev/ref/mem: no guarantee main ever sees the write
        go func() { done = true }()
        for !done {}                   // fix: var done atomic.Bool; for !done.Load() {}""";

  private VisibilityDemo() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println("== Visibility: a reader that never sees the write ==");
    System.out.println(
        "Watch: the plain flag's reader keeps spinning after the write (its JIT-compiled loop read"
            + " the flag once); -Xint, volatile and opaque readers stop at once.");
    System.out.println(
        "Machine: "
            + Machine.describe()
            + "; one child JVM per row, flag written "
            + VisibilityProbe.WARM_UP_MILLIS
            + " ms after the reader starts, given "
            + String.format(Locale.ROOT, "%,d", VisibilityProbe.GIVE_UP_MILLIS)
            + " ms to stop");
    System.out.println("Go, for comparison:");
    System.out.println(GO);
    System.out.println();

    System.out.printf("%-20s %-46s %-8s %s%n", "variant", "reader's loop", "stopped", "after");
    Outcome plain = null;
    int othersStopped = 0;
    long slowestMicros = 0;
    for (Variant v : VARIANTS) {
      Outcome o = run(v);
      System.out.printf(
          "%-20s %-46s %-8s %s%n", v.name(), v.readerLoop(), o.stopped() ? "yes" : "no", after(o));
      if (v == VARIANTS.getFirst()) {
        plain = o;
      } else if (o.stopped()) {
        othersStopped++;
        slowestMicros = Math.max(slowestMicros, o.micros());
      }
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "You just saw: %s; %d of %d other readers (the same loop interpreted, volatile, opaque)"
            + " stopped, the slowest %.1f ms after the write.%n",
        plain.stopped()
            ? "this time the plain reader saw the write in time (the race went the other way;"
                + " nothing guarantees it)"
            : "the JIT-compiled reader of a plain flag did not see the write within "
                + String.format(Locale.ROOT, "%,d ms", VisibilityProbe.GIVE_UP_MILLIS),
        othersStopped,
        VARIANTS.size() - 1,
        slowestMicros / 1000.0);
  }

  static Outcome run(Variant v) throws IOException, InterruptedException {
    ProbeJvm.Result r =
        ProbeJvm.run(
            VisibilityProbe.class, v.vmOptions(), List.of(v.probeVariant()), CHILD_DEADLINE);
    List<String> results = r.results();
    if (results.size() != 1) {
      return new Outcome(v, false, -1, "child JVM failed: " + r.lines());
    }
    String[] parts = results.getFirst().split(" "); // "stopped <micros>" or "spinning <millis>"
    boolean stopped = parts[0].equals("stopped");
    long value = Long.parseLong(parts[1]);
    return new Outcome(v, stopped, stopped ? value : value * 1000, null);
  }

  private static String after(Outcome o) {
    if (o.failure() != null) {
      return o.failure();
    }
    if (!o.stopped()) {
      return String.format(
          Locale.ROOT, "still spinning after %,d ms; its JVM then exited", o.micros() / 1000);
    }
    return String.format(Locale.ROOT, "%.3f ms", o.micros() / 1000.0);
  }
}
