package dev.prep.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grader for {@code gc/tricolor-marker}: the learner's {@link TricolorMarker} under the course's
 * {@link Collector}. First {@code shade} and {@code step} alone on hand-made heaps, then
 * stop-the-world marking (no mutator, no barrier) on fixed heaps and on 300 generated ones, checked
 * after every step, then incremental marking under Go's hybrid barrier in every interleaving of the
 * course's scenarios.
 *
 * <p>The step-by-step checks pin down what a work list must be: after every step exactly one more
 * object is black (a step that drains the list, or takes a duplicate, fails), no black object
 * points to a white one (children shaded), {@code hasWork()} is true exactly while an object is
 * grey, and the whole marking takes one step per reachable object (an object queued twice costs a
 * second step). Every loop is bounded by the heap's size, so a marker that never stops fails
 * instead of hanging.
 */
@DisplayName("tricolor-marker: grey objects on a work list, one object scanned per step")
class TricolorMarkerTest {

  @Test
  @Tag("task:1")
  @DisplayName(
      "shade greys a white object and queues it; null, grey and black objects are left alone")
  void shadeWhiteOnly() {
    var heap = Heap.parse("A -> B\nB\nC");
    var marker = new TricolorMarker(heap);
    assertThat(marker.hasWork()).as("hasWork() before anything was shaded").isFalse();

    marker.shade(null);
    assertThat(marker.hasWork()).as("hasWork() after shade(null): nil is no object").isFalse();

    heap.setColor("C", Color.BLACK);
    marker.shade("C");
    assertThat(heap.color("C"))
        .as("the colour of C, black (already scanned) before shade(\"C\")")
        .isEqualTo(Color.BLACK);
    assertThat(marker.hasWork())
        .as("hasWork() after shading black C: a black object is done and must not be queued")
        .isFalse();

    marker.shade("A");
    assertThat(heap.color("A"))
        .as("the colour of white A after shade(\"A\")")
        .isEqualTo(Color.GREY);
    assertThat(heap.color("B"))
        .as("the colour of B, A's child, after shade(\"A\"): shading does not scan, step() does")
        .isEqualTo(Color.WHITE);
    assertThat(marker.hasWork()).as("hasWork() with grey A waiting").isTrue();
  }

  @Test
  @Tag("task:1")
  @DisplayName("shading an object twice queues it once: one step scans it, the next finds nothing")
  void shadeTwiceQueuesOnce() {
    var heap = Heap.parse("A");
    var marker = new TricolorMarker(heap);
    marker.shade("A");
    marker.shade("A");

    assertThat(marker.step()).as("the first step() after shade(\"A\") twice").isTrue();
    assertThat(heap.color("A")).as("the colour of A after it was scanned").isEqualTo(Color.BLACK);
    assertThat(marker.hasWork())
        .as("hasWork() once A is black: A was shaded twice but must be on the list only once")
        .isFalse();
    assertThat(marker.step())
        .as("a second step(): only grey objects are queued, and A was already grey the second time")
        .isFalse();
  }

  @Test
  @Tag("task:2")
  @DisplayName("step scans one grey object: its white children turn grey, it turns black, no more")
  void stepScansOne() {
    // A points to B twice, to itself and to C, which is black already (as if allocated black)
    var heap = Heap.parse("A -> B, A, C, B\nB -> D\nC\nD");
    heap.setColor("C", Color.BLACK);
    var marker = new TricolorMarker(heap);
    marker.shade("A");

    assertThat(marker.step()).as("step() with grey A waiting").isTrue();
    assertThat(colors(heap))
        .as(
            "colours after one step from grey A (A -> B, A, C, B; C black): A is scanned and"
                + " black, its white child B grey, black C stays black, and D waits for B's scan")
        .isEqualTo("A BLACK, B GREY, C BLACK, D WHITE");
    assertThat(marker.hasWork()).as("hasWork() with grey B waiting").isTrue();

    assertThat(marker.step()).as("the second step(): grey B").isTrue();
    assertThat(colors(heap)).isEqualTo("A BLACK, B BLACK, C BLACK, D GREY");
    assertThat(marker.step()).as("the third step(): grey D").isTrue();
    assertThat(marker.step())
        .as("a fourth step(): A, B and D were scanned once each, B must not be queued twice")
        .isFalse();
  }

  @Test
  @Tag("task:2")
  @DisplayName("step with no grey object returns false and changes nothing")
  void stepWithoutWork() {
    var heap = Heap.parse("A -> B\nB");
    var marker = new TricolorMarker(heap);
    var before = heap.copy();

    assertThat(marker.step()).as("step() on a marker nothing was shaded on").isFalse();
    assertThat(heap.sameState(before))
        .as("the heap is unchanged by a step() with no work, but is now:%n%s", HeapView.text(heap))
        .isTrue();
    assertThat(marker.hasWork()).as("hasWork() with nothing shaded").isFalse();
  }

  /** Named heaps, one line per declaration, lines separated by " | ". */
  private static final List<String> FIXED_HEAPS =
      List.of(
          "a chain: $g -> A | A -> B | B -> C | C",
          "a cycle: $g -> A | A -> B | B -> C | C -> A",
          "a self-pointer: $g -> A | A -> A, B | B -> B",
          "a diamond, D reached twice: $g -> A | A -> B, C | B -> D | C -> D | D",
          "an unreachable island: $g -> A | A -> nil | B -> C | C -> B | D -> A",
          "stacks and globals: $g -> A | g1:x -> B | g1:y -> A | g2:z -> nil | A -> C | B -> C | C",
          "no roots at all: A -> B | B -> A",
          "all point to all: $g -> A | A -> A, B, C | B -> A, B, C | C -> A, B, C");

  static List<String> fixedHeaps() {
    return FIXED_HEAPS;
  }

  private static Heap fixedHeap(String named) {
    return Heap.parse(named.substring(named.indexOf(':') + 1).replace(" | ", "\n").strip());
  }

  @ParameterizedTest(name = "{0}", quoteTextArguments = false)
  @MethodSource("fixedHeaps")
  @Tag("task:3")
  @DisplayName("stop-the-world marking blackens exactly the reachable objects, one per step")
  void stopTheWorldFixed(String named) {
    String problem = StopTheWorld.check(fixedHeap(named));
    if (problem != null) {
      fail(problem);
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName(
      "stop-the-world marking of 300 random heaps (cycles, self-pointers, islands) is exact")
  void stopTheWorldRandom() {
    for (long seed = 0; seed < 300; seed++) {
      String problem = StopTheWorld.check(RandomHeaps.generate(seed));
      if (problem != null) {
        fail("random heap #" + seed + ": " + problem);
      }
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName(
      "marking while goroutines run (Go's hybrid barrier) loses nothing in any interleaving")
  void incrementalUnderHybridBarrier() {
    // a marker that fails with the world stopped can make the interleavings explode (a duplicate
    // on the work list is one more choice at every point), so it is stopped here
    for (String named : FIXED_HEAPS) {
      String problem = StopTheWorld.check(fixedHeap(named));
      if (problem != null) {
        fail("Make stop-the-world marking pass first; on " + named + ": " + problem);
      }
    }
    Function<Heap, Collector> collector =
        heap -> new Collector(heap, Barrier.HYBRID, StackScan.INCREMENTAL, TricolorMarker::new);
    for (var scenario : Scenarios.ALL) {
      var report = Interleavings.explore(scenario, collector, Invariant.WEAK);
      if (report.failure().isPresent()) {
        fail(
            Interleavings.explain(
                report.failure().get(),
                collector,
                "The barrier here is the course's (Go 1.8's hybrid), so the marker is what broke."
                    + " Every object the barrier or a stack scan shades must be scanned exactly"
                    + " once; check that shade() queues white objects only and that hasWork() is"
                    + " true exactly while an object is grey."));
      }
      assertThat(report.interleavings()).as("interleavings of '%s'", scenario.name()).isPositive();
    }
  }

  /** Each object and its colour, in allocation order: "A BLACK, B GREY". */
  private static String colors(Heap heap) {
    return String.join(", ", heap.objects().stream().map(o -> o + " " + heap.color(o)).toList());
  }

  /** Marks a heap with the world stopped and checks every step; null when all is well. */
  static final class StopTheWorld {
    private StopTheWorld() {}

    static String check(Heap heap) {
      String text = heap.toString();
      var reachable = List.copyOf(heap.reachable());
      var gc = new Collector(heap, Barrier.NONE, StackScan.AT_START, TricolorMarker::new);
      gc.start();
      int steps = 0;
      while (true) {
        String state = consistency(heap, gc);
        if (state != null) {
          return where(text, steps, heap, state);
        }
        var before = heap.copy();
        if (!gc.step()) {
          if (!heap.sameState(before)) {
            return where(
                text,
                steps,
                heap,
                "step() returned false (no grey object left) but changed the heap; with no work"
                    + " it must change nothing.");
          }
          break;
        }
        steps++;
        int newlyBlack =
            heap.objectsColored(Color.BLACK).size() - before.objectsColored(Color.BLACK).size();
        if (newlyBlack != 1) {
          return where(text, steps, heap, notOneObject(newlyBlack, before));
        }
        List<String> broken = Invariant.STRONG.violations(heap);
        if (!broken.isEmpty()) {
          return where(
              text,
              steps,
              heap,
              "a black object points to a white one ("
                  + String.join("; ", broken)
                  + "): nothing will ever scan that white object again. Shade every object a"
                  + " grey object points to when you blacken it.");
        }
        if (steps > reachable.size()) {
          return where(
              text,
              steps,
              heap,
              "more steps than the "
                  + reachable.size()
                  + " reachable objects: an object was scanned twice.");
        }
      }
      var black = heap.objectsColored(Color.BLACK);
      if (steps != reachable.size() || !Set.copyOf(black).equals(Set.copyOf(reachable))) {
        return where(
            text,
            steps,
            heap,
            "marking took "
                + steps
                + " steps and blackened "
                + black
                + "; expected "
                + reachable.size()
                + " steps blackening exactly the reachable objects "
                + reachable
                + ".");
      }
      return null;
    }

    /** Why a step that returned true did not blacken exactly one object. */
    private static String notOneObject(int newlyBlack, Heap before) {
      if (newlyBlack > 1) {
        return "step() blackened "
            + newlyBlack
            + " objects; it must scan exactly one grey object per call, so the mutator can run"
            + " between steps.";
      }
      if (before.objectsColored(Color.GREY).isEmpty()) {
        return "step() returned true although no object was grey; with nothing to scan it must"
            + " return false, so that marking can end.";
      }
      return "step() returned true but blackened no new object: it took an object that was black"
          + " already off the list. Was it queued twice? shade() must queue white objects only.";
    }

    /** hasWork() must say exactly whether an object is grey. */
    private static String consistency(Heap heap, Collector gc) {
      var grey = heap.objectsColored(Color.GREY);
      if (gc.hasGreyObjects() != !grey.isEmpty()) {
        return "hasWork() returned "
            + gc.hasGreyObjects()
            + " while the grey objects were "
            + grey
            + ": it must be true exactly while a grey object waits to be scanned.";
      }
      return null;
    }

    private static String where(String text, int steps, Heap heap, String problem) {
      return problem
          + "\n\nThe heap (paste it into Heap.parse to try it in JShell):\n"
          + text.strip().indent(2)
          + "after start and "
          + steps
          + " step(s) (○ white, ◐ grey, ● black):\n"
          + HeapView.text(heap).strip().indent(2);
    }
  }

  /**
   * Seeded random heaps: up to 10 objects with 0 to 3 fields, pointers to any object (itself
   * included) or nil, and up to two globals and two goroutines as roots. Cycles, self-pointers and
   * unreachable islands all turn up within the first few seeds.
   */
  static final class RandomHeaps {
    private RandomHeaps() {}

    static Heap generate(long seed) {
      var random = new Random(seed);
      var heap = new Heap();
      int count = 1 + random.nextInt(10);
      var names = new ArrayList<String>();
      for (int i = 0; i < count; i++) {
        String name = String.valueOf((char) ('A' + i));
        names.add(name);
        heap.allocate(name, random.nextInt(4), Color.WHITE);
      }
      for (String name : names) {
        for (int f = 0; f < heap.fieldCount(name); f++) {
          heap.store(new Slot.Field(name, f), pick(random, names));
        }
      }
      for (int g = 0, globals = random.nextInt(3); g < globals; g++) {
        heap.store(new Slot.Global("g" + g), pick(random, names));
      }
      for (int g = 1, goroutines = random.nextInt(3); g <= goroutines; g++) {
        for (int v = 0, vars = 1 + random.nextInt(2); v < vars; v++) {
          heap.store(new Slot.StackVar("g" + g, "v" + v), pick(random, names));
        }
      }
      return heap;
    }

    /** Nil one time in four, else any object. */
    private static String pick(Random random, List<String> names) {
      return random.nextInt(4) == 0 ? null : names.get(random.nextInt(names.size()));
    }
  }
}
