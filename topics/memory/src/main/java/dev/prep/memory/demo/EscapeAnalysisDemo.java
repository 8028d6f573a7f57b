package dev.prep.memory.demo;

import dev.prep.support.Machine;
import dev.prep.support.ProbeJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * Escape analysis (逃逸分析): allocations the JIT removes.
 *
 * Every `new` in Java is a heap allocation as far as the language is concerned. HotSpot's C2
 * compiler may still make it disappear. After inlining, C2 runs escape analysis (flag
 * DoEscapeAnalysis, on by default) over the compiled method: an object that is never stored where
 * another method or thread could reach it — not returned, not written to a field or a static, not
 * passed to a call that was not inlined — "does not escape". Its fields can then live in registers
 * or stack slots instead: scalar replacement (flag EliminateAllocations). There is no true stack
 * allocation in HotSpot; the object simply never exists. Two consequences interviewers ask about:
 *  - it is a JIT optimisation: interpreted and C1-compiled code allocate every time; it needs a
 *    warm, C2-compiled method, and the analysis is per compiled method after inlining;
 *  - it is fragile: a call too big to inline, or an object stored "just for a moment" in a field,
 *    and the allocation is back. Never design around it; measure.
 *
 * Go makes the same decision at compile time and shows it: `go build -gcflags=-m` prints "does not
 * escape" or "moved to heap" per variable (Go FAQ, "How do I know whether a variable is allocated
 * on the heap or the stack?"). A Go local that does not escape really lives in the goroutine's
 * stack frame; Java has no such report, so we measure instead.
 *
 * The experiment. A probe (AllocationProbe) runs in a fresh child JVM per flag setting, started
 * with the same java binary. It calls one of four tiny methods 10 million times to get it
 * C2-compiled, then 5 million more times while ThreadMXBean.getCurrentThreadAllocatedBytes counts
 * the heap bytes the thread allocates, and prints bytes per call:
 *   never-leaves     new Point(i, i + 1), return p.x() + p.y()      the textbook case (a record)
 *   no-final-fields  the same with a class whose fields are not final
 *   either-branch    Point p = even ? new Point(i, 1) : new Point(1, i); two allocations merge
 *   escapes          the record Point, also stored in a static field; it must exist on the heap
 * and four settings: the default, -XX:-DoEscapeAnalysis, -XX:-EliminateAllocations (analysis on,
 * scalar replacement off) and -XX:-ReduceAllocationMerges (a diagnostic flag, on by default in JDK
 * 25, that lets C2 scalar-replace objects that meet at a merge point such as the ?: above).
 *
 * What you should see, and why:
 *  - 32 B per call whenever a Point is really allocated: a 12-byte header (8-byte mark word plus a
 *    4-byte compressed class pointer) and two 8-byte fields make 28 bytes, rounded up to the 8-byte
 *    object alignment. (With -XX:+UseCompactObjectHeaders, JEP 519, the header is 8 bytes: 24 B.)
 *  - never-leaves: 0 B by default, 32 B with escape analysis off.
 *  - no-final-fields: 0 B even with escape analysis off. Not every vanished allocation is escape
 *    analysis at work: C2 folds the loads of x and y to the values the constructor just stored,
 *    and an allocation nobody reads is dead code. The record is different because its fields are
 *    final: the JVM ends such a constructor with a barrier (the final-field guarantee of JLS 17.5),
 *    and that barrier uses the object. Escape analysis proves the barrier pointless for an object
 *    no other thread can see; that is also why never-leaves stays at 0 B with only scalar
 *    replacement switched off.
 *  - either-branch: 0 B only when everything works: switch off scalar replacement or the merge
 *    support and both Points come back.
 *  - escapes: 32 B everywhere. The object is reachable from a static after the call; no flag
 *    changes that.
 * JIT decisions are not deterministic (they depend on profiles and timing), so the demo test only
 * checks the robust direction: escape analysis off allocates, on it does not.
 *
 * Run: prep demo memory escape-analysis
 */
public final class EscapeAnalysisDemo {

  /** A column of the table: the flags given to one child JVM. */
  record Setting(String label, List<String> flags) {}

  static final List<Setting> SETTINGS =
      List.of(
          new Setting("default", List.of()),
          new Setting("-DoEscapeAnalysis", List.of("-XX:-DoEscapeAnalysis")),
          new Setting("-EliminateAllocations", List.of("-XX:-EliminateAllocations")),
          new Setting(
              "-ReduceAllocationMerges",
              List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-ReduceAllocationMerges")));

  /** Rows: the probe's case names and what each one does. */
  static final Map<String, String> CASES = cases();

  /** Serial GC: one GC thread, not G1's several; the collector does not change what C2 removes. */
  private static final List<String> CHILD_BASE = List.of("-XX:+UseSerialGC", "-Xmx256m");

  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(30);

  private static final String GO =
      """
        func sumLocal() int {     // escape.go:43
            p := &point{7, 8}     // ./escape.go:44:7: &point{...} does not escape
            return p.x + p.y
        }
        func storeGlobal() {      // escape.go:49
            p := point{5, 6}      // ./escape.go:50:2: moved to heap: p
            sink = &p
        }""";

  private EscapeAnalysisDemo() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println("== Escape analysis: allocations the JIT removes ==");
    System.out.println(
        "Watch: bytes allocated per call, measured in a fresh JVM per flag setting; 0 B where C2"
            + " proved the Point never leaves the method, 32 B where it really is on the heap.");
    System.out.println(
        "Machine: "
            + Machine.describe()
            + "; child JVMs: the same java, "
            + String.join(" ", CHILD_BASE));
    System.out.println(
        "Go, for comparison (go build -gcflags=-m, go1.19.8 linux/amd64,"
            + " topics/memory/go/escape):");
    System.out.println(GO);
    System.out.println();

    Map<String, Map<String, Double>> bytes = measure();

    System.out.printf("%-44s", "bytes allocated per call");
    for (Setting s : SETTINGS) {
      System.out.printf(" %24s", s.label());
    }
    System.out.println();
    for (Map.Entry<String, String> c : CASES.entrySet()) {
      System.out.printf("%-44s", c.getValue());
      for (Setting s : SETTINGS) {
        Double b = bytes.get(s.label()).get(c.getKey());
        System.out.printf(" %24s", b == null ? "failed" : String.format(Locale.ROOT, "%.1f B", b));
      }
      System.out.println();
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "You just saw: C2 removed the Point that never left its method (%.1f B per call); with"
            + " escape analysis off the same call allocates %.1f B, and a Point that escapes costs"
            + " %.1f B whatever the flags.%n",
        bytesPerCall(bytes, "default", AllocationProbe.NEVER_LEAVES),
        bytesPerCall(bytes, "-DoEscapeAnalysis", AllocationProbe.NEVER_LEAVES),
        bytesPerCall(bytes, "default", AllocationProbe.ESCAPES));
  }

  /** Setting label, then case name, to bytes per call; a case missing from a child is absent. */
  static Map<String, Map<String, Double>> measure() throws IOException, InterruptedException {
    Map<String, Map<String, Double>> bytes = new LinkedHashMap<>();
    for (Setting s : SETTINGS) { // one child at a time: they are CPU-bound for about a second
      List<String> options = new ArrayList<>(CHILD_BASE);
      options.addAll(s.flags());
      ProbeJvm.Result r = ProbeJvm.run(AllocationProbe.class, options, List.of(), CHILD_DEADLINE);
      Map<String, Double> perCase = new LinkedHashMap<>();
      for (String line : r.results()) {
        String[] parts = line.split(" ");
        perCase.put(parts[0], Double.parseDouble(parts[1]));
      }
      if (perCase.size() != CASES.size()) {
        System.out.println("child JVM with " + s.flags() + " failed: " + r.lines());
      }
      bytes.put(s.label(), perCase);
    }
    return bytes;
  }

  private static double bytesPerCall(
      Map<String, Map<String, Double>> bytes, String setting, String probeCase) {
    return bytes.get(setting).getOrDefault(probeCase, Double.NaN);
  }

  private static Map<String, String> cases() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(AllocationProbe.NEVER_LEAVES, "new Point(i, i + 1), summed, never leaves");
    cases.put(AllocationProbe.NO_FINAL_FIELDS, "the same, a class without final fields");
    cases.put(AllocationProbe.EITHER_BRANCH, "a Point from either branch of ?:");
    cases.put(AllocationProbe.ESCAPES, "a Point also stored in a static field");
    return cases;
  }
}
