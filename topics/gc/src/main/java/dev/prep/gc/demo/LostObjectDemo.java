package dev.prep.gc.demo;

import dev.prep.gc.Barrier;
import dev.prep.gc.Collector;
import dev.prep.gc.Heap;
import dev.prep.gc.HeapView;
import dev.prep.gc.Interleavings;
import dev.prep.gc.Invariant;
import dev.prep.gc.Scenarios;
import dev.prep.gc.Schedule;
import dev.prep.gc.StackScan;
import dev.prep.gc.WorkListMarker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/*
 * The lost object (漏标): how a concurrent marker frees memory that is still in use, and what each
 * write barrier (写屏障) does about it.
 *
 * A marker that runs while the program runs can be fooled. Wilson (1992) named the two conditions
 * that must BOTH hold for a reachable object to end up white and be freed:
 *   (a) the mutator stores a pointer to a white object into a black one (already scanned, never
 *       looked at again), and
 *   (b) every path to that white object from a grey object is cut.
 * Break either and nothing is lost. The strong tricolour invariant (强三色不变性, "no black object
 * points to a white one") rules out (a); the weak one (弱三色不变性, "every white object a black one
 * points to is still reachable from a grey one through white objects") tolerates (a) but rules out
 * (b). The barriers, in Go's pseudo-code (golang/proposal design/17503-eliminate-rescan.md):
 *   Dijkstra's insertion barrier (插入写屏障)  shade(ptr); *slot = ptr          keeps the strong one
 *   Yuasa's deletion barrier (删除写屏障)      shade(*slot); *slot = ptr        keeps the weak one
 *   Go 1.8's hybrid (混合写屏障)               shade(*slot); if current stack is grey: shade(ptr)
 * But goroutine stacks have no barrier at all (a stack write must stay a plain store), so each
 * barrier is only correct together with a way of scanning stacks:
 *   - Dijkstra misses pointers moved onto a stack that was already scanned: Go 1.5-1.7 rescanned
 *     every stack with the world stopped at mark termination ("10's to 100's of milliseconds" with
 *     many goroutines, proposal 17503);
 *   - Yuasa protects a snapshot of the heap as it was at the start, so every stack must be scanned
 *     at the start, with the world stopped, before any heap object is blackened;
 *   - the hybrid needs neither: stacks are scanned one at a time while the others run, no rescan.
 * HotSpot's G1 uses a Yuasa-style SATB barrier (snapshot at the beginning); CMS, removed in JDK 14
 * (JEP 363), used incremental update plus a stop-the-world remark, like Go 1.5-1.7.
 *
 * Part 1 replays one schedule of Scenarios.HIDE_BEHIND_BLACK, the textbook case, with no barrier
 * and with each barrier (each with the stack scanning it is designed for), one row per step, the
 * colours of A, B and C in each column. `*` marks a broken strong invariant, `!` a broken weak one:
 * from that moment nothing in the marker will ever look at C again.
 *
 * Part 2 is exhaustive: Interleavings.explore runs every interleaving of the mutator's steps with
 * the marker's steps for each of the course's scenarios (Scenarios.ALL), and reports either the
 * first schedule that loses an object or how many interleavings were all safe. Six pairs of
 * (barrier, stack scanning) tell the story; the simulator's own tests (InterleavingsTest) pin the
 * same verdicts. Then the price of the safe pairs: stopped-the-world work (roots scanned and
 * objects marked while the world is stopped, in the simulator's units) and floating garbage
 * (浮动垃圾, objects that became unreachable during the cycle but survived it), min..max over every
 * interleaving.
 *
 * Run: prep demo gc lost-object
 */
public final class LostObjectDemo {

  /** A barrier with the stack scanning it runs with. */
  record Pair(Barrier barrier, StackScan stackScan) {
    @Override
    public String toString() {
      return barrier + " / " + stackScan;
    }
  }

  static final List<Pair> PAIRS =
      List.of(
          new Pair(Barrier.NONE, StackScan.AT_START),
          new Pair(Barrier.DIJKSTRA, StackScan.AT_START),
          new Pair(Barrier.DIJKSTRA, StackScan.AT_START_AND_RESCAN),
          new Pair(Barrier.YUASA, StackScan.AT_START),
          new Pair(Barrier.YUASA, StackScan.INCREMENTAL),
          new Pair(Barrier.HYBRID, StackScan.INCREMENTAL));

  /** The failing schedule of part 1; incremental stack scanning scans g1 first. */
  static final String SCHEDULE =
      "mark; g1: x = B.0; g1: A.1 = x; g1: B.0 = nil; g1: x = nil; terminate; sweep";

  /** What exploring one scenario with one pair found, and what the completed cycles cost. */
  record Cell(Interleavings.Report report, int minPause, int maxPause) {
    boolean lost() {
      return report.failure().isPresent();
    }
  }

  private LostObjectDemo() {}

  public static void main(String[] args) {
    System.out.println("== The lost object: a concurrent marker frees live memory ==");
    System.out.println(
        "Watch: with no barrier C ends white while A.1 still points to it, and is freed; each"
            + " barrier greys C at a different step; then every interleaving of six scenarios"
            + " shows which barrier needs which stack scanning.");
    System.out.println();
    replayOneSchedule();
    Map<Pair, List<Cell>> matrix = exploreAll();
    printMatrix(matrix);
    printCosts(matrix);
    System.out.println();
    System.out.println(
        "You just saw: without a barrier the marker freed C while A.1 still pointed to it;"
            + " Dijkstra is safe only with a stop-the-world stack rescan, Yuasa only with every"
            + " stack scanned at the start, and Go's hybrid barrier with stacks scanned one at a"
            + " time and no rescan.");
  }

  // --- part 1 ----------------------------------------------------------------------------------

  static void replayOneSchedule() {
    var scenario = Scenarios.HIDE_BEHIND_BLACK;
    System.out.println("Part 1: one schedule of \"" + scenario.name() + "\"");
    System.out.println(
        "  heap:    " + scenario.heap().strip().lines().collect(Collectors.joining("; ")));
    System.out.println("  mutator: " + scenarioScript(scenario));
    System.out.println(
        "  steps:   " + SCHEDULE + "  (with incremental stack scanning: scan g1 first)");
    System.out.println();

    List<Pair> columns =
        List.of(
            new Pair(Barrier.NONE, Barrier.NONE.stackScan()),
            new Pair(Barrier.DIJKSTRA, Barrier.DIJKSTRA.stackScan()),
            new Pair(Barrier.YUASA, Barrier.YUASA.stackScan()),
            new Pair(Barrier.HYBRID, Barrier.HYBRID.stackScan()));
    Map<Pair, Map<String, String>> cells = new LinkedHashMap<>();
    List<String> steps = new ArrayList<>(List.of("start", "scan g1"));
    for (String s : SCHEDULE.split(";")) {
      steps.add(s.strip());
    }
    for (Pair pair : columns) {
      String schedule =
          pair.stackScan() == StackScan.INCREMENTAL ? "scan g1; " + SCHEDULE : SCHEDULE;
      var collector =
          new Collector(
              Heap.parse(scenario.heap()), pair.barrier(), pair.stackScan(), WorkListMarker::new);
      Map<String, String> column = new LinkedHashMap<>();
      List<String> stepNames = new ArrayList<>(List.of("start"));
      for (String s : schedule.split(";")) {
        stepNames.add(s.strip());
      }
      List<Schedule.Frame> frames = Schedule.run(collector, Invariant.NONE, schedule);
      for (int i = 0; i < frames.size(); i++) {
        Schedule.Frame frame = frames.get(i);
        column.put(
            stepNames.get(i),
            stepNames.get(i).equals("sweep")
                ? frame.step().replaceFirst("^sweep: ", "")
                : colours(frame.heap(), "A", "B", "C") + marks(frame.heap()));
      }
      cells.put(pair, column);
    }

    String format = "  %-16s" + " %-22s".repeat(columns.size());
    printRow(format, header("step", columns, p -> p.barrier().toString()));
    printRow(format, header("", columns, p -> "(" + p.stackScan() + ")"));
    for (String step : steps) {
      List<Object> row = new ArrayList<>(List.of(step));
      for (Pair pair : columns) {
        row.add(cells.get(pair).getOrDefault(step, "(stacks at start)"));
      }
      printRow(format, row.toArray());
    }
    System.out.println(
        "  * strong invariant broken: a black object points to a white one (Wilson's (a))");
    System.out.println(
        "  ! weak invariant broken too: no grey path leads to it any more (Wilson's (b)): lost");
    System.out.println();
  }

  private static Object[] header(String first, List<Pair> columns, Function<Pair, String> label) {
    List<Object> row = new ArrayList<>(List.of(first));
    columns.forEach(p -> row.add(label.apply(p)));
    return row.toArray();
  }

  private static String colours(Heap heap, String... objects) {
    var out = new ArrayList<String>();
    for (String o : objects) {
      out.add(heap.contains(o) ? o + HeapView.symbol(heap.color(o)) : o + " freed");
    }
    return String.join(" ", out);
  }

  private static String marks(Heap heap) {
    String marks = "";
    if (!Invariant.STRONG.violations(heap).isEmpty()) {
      marks += " *";
    }
    if (!Invariant.WEAK.violations(heap).isEmpty()) {
      marks += " !";
    }
    return marks;
  }

  private static String scenarioScript(Interleavings.Scenario scenario) {
    return scenario.scripts().stream()
        .map(ops -> ops.stream().map(Object::toString).collect(Collectors.joining("; ")))
        .collect(Collectors.joining("  ‖  "));
  }

  // --- part 2 ----------------------------------------------------------------------------------

  static Map<Pair, List<Cell>> exploreAll() {
    Map<Pair, List<Cell>> matrix = new LinkedHashMap<>();
    for (Pair pair : PAIRS) {
      List<Cell> row = new ArrayList<>();
      for (var scenario : Scenarios.ALL) {
        row.add(explore(scenario, pair));
      }
      matrix.put(pair, row);
    }
    return matrix;
  }

  /**
   * Explores one scenario. The pause of a cycle is read from its collector once the cycle is over:
   * each interleaving is replayed on a fresh collector, so the previous one is finished (or was
   * only a prefix, still marking) whenever the next is built.
   */
  static Cell explore(Interleavings.Scenario scenario, Pair pair) {
    var pauses = new PauseRecorder();
    var report =
        Interleavings.explore(
            scenario,
            heap ->
                pauses.next(
                    new Collector(heap, pair.barrier(), pair.stackScan(), WorkListMarker::new)),
            Invariant.NONE);
    pauses.next(null);
    return new Cell(report, pauses.min, pauses.max);
  }

  /** Min and max stopped-the-world work over the collectors that completed a cycle. */
  private static final class PauseRecorder {
    Collector previous;
    int min = Integer.MAX_VALUE;
    int max = -1;

    Collector next(Collector collector) {
      if (previous != null && previous.phase() != Collector.Phase.MARKING) {
        min = Math.min(min, previous.stoppedTheWorldWork());
        max = Math.max(max, previous.stoppedTheWorldWork());
      }
      previous = collector;
      return collector;
    }
  }

  static void printMatrix(Map<Pair, List<Cell>> matrix) {
    System.out.println("Part 2: every interleaving of every scenario (Interleavings.explore)");
    for (int i = 0; i < Scenarios.ALL.size(); i++) {
      System.out.printf("  %d  %s%n", i + 1, Scenarios.ALL.get(i).name());
    }
    System.out.println();
    String format = "  %-32s" + " %-10s".repeat(Scenarios.ALL.size());
    List<Object> header = new ArrayList<>(List.of("barrier / stack scanning"));
    for (int i = 0; i < Scenarios.ALL.size(); i++) {
      header.add(String.valueOf(i + 1));
    }
    printRow(format, header.toArray());
    List<String> traces = new ArrayList<>();
    matrix.forEach(
        (pair, row) -> {
          List<Object> cells = new ArrayList<>(List.of(pair.toString()));
          for (int i = 0; i < row.size(); i++) {
            Cell cell = row.get(i);
            Optional<Interleavings.Failure> failure = cell.report().failure();
            if (failure.isPresent()) {
              String lost = lostObjects(failure.get().problem());
              cells.add("LOST " + lost);
              traces.add(
                  "  %s, scenario %d: %s freed after %s"
                      .formatted(pair, i + 1, lost, String.join(", ", failure.get().trace())));
            } else {
              cells.add("safe " + cell.report().interleavings());
            }
          }
          printRow(format, cells.toArray());
        });
    System.out.println("  (safe N: all N interleavings kept every reachable object)");
    System.out.println();
    System.out.println(
        "The first losing schedule of each LOST cell (after start, then terminate):");
    traces.forEach(System.out::println);
    System.out.println();
  }

  /** "reachable but white at termination, the sweep would free it: C" -> "C". */
  static String lostObjects(String problem) {
    int colon = problem.lastIndexOf(": ");
    return colon < 0 ? "?" : problem.substring(colon + 2).replace(", ", ",");
  }

  static void printCosts(Map<Pair, List<Cell>> matrix) {
    int twoGoroutines = Scenarios.ALL.indexOf(Scenarios.TWO_GOROUTINES);
    int dropSubtree = Scenarios.ALL.indexOf(Scenarios.DROP_SUBTREE);
    System.out.println("The price of the safe pairs, min..max over every interleaving:");
    String format = "  %-32s %-30s %s";
    printRow(
        format,
        "barrier / stack scanning",
        "stopped-the-world work in " + (twoGoroutines + 1),
        "floating garbage in " + (dropSubtree + 1));
    matrix.forEach(
        (pair, row) -> {
          if (row.stream().noneMatch(Cell::lost)) {
            Cell pause = row.get(twoGoroutines);
            var floating = row.get(dropSubtree).report();
            printRow(
                format,
                pair,
                pause.minPause() + ".." + pause.maxPause(),
                floating.minFloatingGarbage() + ".." + floating.maxFloatingGarbage());
          }
        });
    System.out.println(
        "  (work: globals shaded, stacks scanned and objects marked with the world stopped; in"
            + " scenario "
            + (twoGoroutines + 1)
            + " the global $root, g2's stack at the start and, for Dijkstra, both stacks again at"
            + " the end)");
  }

  /** One table row, without the padding of its last column. */
  private static void printRow(String format, Object... cells) {
    System.out.println(String.format(format, cells).stripTrailing());
  }
}
