package dev.prep.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grader for {@code gc/yuasa-barrier}: first the learner's barrier alone, against a recording
 * {@link WriteBarrier.Gc}; then inside the course's {@link Collector}, every stack scanned once at
 * the start of the cycle, under every interleaving of every scenario in {@link Scenarios#ALL},
 * checking the weak invariant after every step; last the snapshot it marks, on chosen schedules.
 *
 * <p>{@link Interleavings#explore} checks a loose bound (the sweep keeps only objects that were
 * reachable at some point of the cycle, or were allocated in it). A deletion barrier promises an
 * exact one, snapshot at the beginning: the sweep keeps everything reachable when the cycle began,
 * everything allocated during marking, and nothing else. That is checked here on schedules chosen
 * so that an insertion barrier (shading the new pointer, or reading the slot after storing into it,
 * which comes to the same) breaks it, by freeing an unlinked subtree early or by losing an object
 * moved onto an already scanned stack.
 */
@DisplayName("yuasa-barrier: shade the pointer being overwritten, so the snapshot survives")
class YuasaBarrierTest {

  private static final Function<Heap, Collector> COLLECTOR =
      heap -> new Collector(heap, new YuasaBarrier(), StackScan.AT_START, WorkListMarker::new);

  @ParameterizedTest(name = "{0} = {2} (it held {1})", quoteTextArguments = false)
  @CsvSource(
      textBlock =
          """
          A.0, B,   C
          A.1, B,   nil
          $g,  B,   C
          A.0, nil, C
          """)
  @Tag("task:1")
  @DisplayName("writePointer shades the old pointer, read before the store, and stores the new one")
  void shadesTheOldPointer(String slotText, String old, String ptr) {
    var gc = new RecordingGc(true);
    Slot slot = Slot.parse(slotText);
    gc.with(slot, nil(old));

    new YuasaBarrier().writePointer(gc, slot, nil(ptr));

    assertThat(gc.stores())
        .as(
            "the stores your barrier made (your barrier did: %s); it must store %s into %s exactly"
                + " once, with gc.store",
            gc.log(), ptr, slot)
        .containsExactly(slot + " = " + ptr);
    assertThat(gc.shaded())
        .as(
            "the objects your barrier shaded (it did: %s). A deletion barrier shades the pointer"
                + " the slot held before the write (%s; shade(null) is a no-op), not the new one"
                + " (%s). Read it with gc.read(slot) BEFORE gc.store: after the store the slot"
                + " holds the new pointer",
            gc.log(), old, ptr)
        .containsExactlyElementsOf(old.equals("nil") ? List.of() : List.of(old));
  }

  @Test
  @Tag("task:2")
  @DisplayName(
      "every interleaving of every scenario keeps the weak invariant and loses nothing (stacks"
          + " scanned at the start)")
  void weakInvariantInEveryInterleaving() {
    for (var scenario : Scenarios.ALL) {
      var report = Interleavings.explore(scenario, COLLECTOR, Invariant.WEAK);
      if (report.failure().isPresent()) {
        fail(
            Interleavings.explain(
                report.failure().get(),
                COLLECTOR,
                "The weak invariant (弱三色不变性): a white object a black one points to must still"
                    + " be reachable from a grey object through white ones. A deletion barrier"
                    + " keeps it by shading the target of every pointer it overwrites or clears"
                    + " (the old *slot, read before the store), so no grey path is ever cut."));
      }
      assertThat(report.interleavings()).as("interleavings of '%s'", scenario.name()).isPositive();
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("moving B's only pointer from the heap onto a scanned stack does not lose B")
  void heapToScannedStack() {
    // Scenarios.HEAP_TO_SCANNED_STACK, with g1 declared so that its stack is scanned at the start
    var gc = COLLECTOR.apply(Heap.parse("$root -> A\ng1:x -> nil\nA -> B\nB -> nil"));
    String steps = "g1: x = $root; g1: y = A.0; g1: A.0 = nil; g1: x = nil; terminate";
    var frames = Schedule.run(gc, Invariant.NONE, steps);

    assertThat(gc.lost())
        .as(
            "objects reachable at mark termination but white, so the sweep would free them,"
                + " after: %s%n%s%nA.0 = nil deleted the last heap pointer to B while g1's local"
                + " y held it, on a stack already scanned (stack writes have no barrier and are"
                + " not seen). Only the old value of A.0 can save B: a barrier"
                + " that stores first and then shades what the slot holds shades the new value"
                + " (nil), which is Dijkstra's barrier, and Dijkstra's needs the stacks"
                + " rescanned. Read the old value before you store.",
            steps, Schedule.lastTwo(frames))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}", quoteTextArguments = false)
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          DROP_SUBTREE            | g1: x = $root; g1: A.0 = nil; g1: x = nil
          DROP_SUBTREE            | mark; g1: x = $root; g1: A.0 = nil; g1: x = nil
          HIDE_BEHIND_BLACK       | mark; g1: x = B.0; g1: A.1 = x; g1: B.0 = nil; g1: x = nil
          HEAP_TO_SCANNED_STACK   | g1: x = $root; g1: y = A.0; g1: A.0 = nil; g1: x = nil
          STACK_TO_BLACK_HEAP     | mark; g2: A.0 = c; g2: c = nil; g2: a = nil
          ALLOCATE_DURING_MARKING | g1: x = $root; g1: n = new N(1); g1: A.0 = n; g1: n = nil
          ALLOCATE_DURING_MARKING | mark; g1: x = $root; g1: n = new N(0); g1: A.0 = n; g1: A.0 = nil
          TWO_GOROUTINES          | g1: c = A.0; g1: A.0 = nil; g2: b = nil; g1: B.0 = c
          TWO_GOROUTINES          | mark; g2: b = nil; g1: c = A.0; g1: A.0 = nil; mark; g1: B.0 = c
          """)
  @Tag("task:3")
  @DisplayName(
      "snapshot at the beginning: the sweep keeps exactly what was reachable at the start, plus"
          + " what was allocated during marking")
  void snapshotAtTheBeginning(String scenarioName, String steps) {
    var scenario = scenario(scenarioName);
    var gc = COLLECTOR.apply(Heap.parse(scenario.heap()));
    var frames = Schedule.run(gc, Invariant.NONE, steps + "; terminate");
    assertThat(gc.lost())
        .as(
            "objects reachable at mark termination but white after %s%n%s",
            steps, Schedule.lastTwo(frames))
        .isEmpty();
    Set<String> snapshot = new LinkedHashSet<>(gc.reachableAtStart());
    snapshot.addAll(gc.allocatedDuringMarking());
    var kept = gc.sweep().kept();

    assertThat(Set.copyOf(kept))
        .as(
            "the objects the sweep kept after %s%n%s%nA deletion barrier marks the heap as it was"
                + " when the cycle began: reachable then (%s) or allocated since (%s). An object"
                + " unlinked during marking floats until the next cycle; one freed early means"
                + " the barrier shaded the new pointer instead of the old one",
            steps, Schedule.lastTwo(frames), gc.reachableAtStart(), gc.allocatedDuringMarking())
        .isEqualTo(snapshot);
  }

  @Test
  @Tag("task:3")
  @DisplayName("an unlinked subtree always survives this cycle as floating garbage (2 objects)")
  void floatingGarbage() {
    var report = Interleavings.explore(Scenarios.DROP_SUBTREE, COLLECTOR, Invariant.WEAK);
    report
        .failure()
        .ifPresent(f -> fail(Interleavings.explain(f, COLLECTOR, "Fix the earlier tests first.")));
    assertThat(List.of(report.minFloatingGarbage(), report.maxFloatingGarbage()))
        .as(
            "the fewest and the most unreachable objects the sweep kept, over the %d"
                + " interleavings of '%s' (A.0 = nil unlinks B -> C while marking runs). The"
                + " deletion barrier shades B when A.0 is cleared, so B and C survive every time:"
                + " floating garbage (浮动垃圾), the price of the snapshot",
            report.interleavings(), Scenarios.DROP_SUBTREE.name())
        .containsExactly(2, 2);
  }

  private static String nil(String text) {
    return text.equals("nil") ? null : text;
  }

  /** One of the course's scenarios by its constant's name, for tables. */
  private static Interleavings.Scenario scenario(String name) {
    return switch (name) {
      case "HIDE_BEHIND_BLACK" -> Scenarios.HIDE_BEHIND_BLACK;
      case "HEAP_TO_SCANNED_STACK" -> Scenarios.HEAP_TO_SCANNED_STACK;
      case "STACK_TO_BLACK_HEAP" -> Scenarios.STACK_TO_BLACK_HEAP;
      case "ALLOCATE_DURING_MARKING" -> Scenarios.ALLOCATE_DURING_MARKING;
      case "DROP_SUBTREE" -> Scenarios.DROP_SUBTREE;
      case "TWO_GOROUTINES" -> Scenarios.TWO_GOROUTINES;
      default -> throw new IllegalArgumentException("no scenario " + name);
    };
  }
}
