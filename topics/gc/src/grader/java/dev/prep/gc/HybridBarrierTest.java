package dev.prep.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grader for {@code gc/hybrid-barrier}: first the learner's barrier alone, against a recording
 * {@link WriteBarrier.Gc} whose current stack is grey or black; then inside the course's {@link
 * Collector} with stacks scanned one at a time while goroutines run (Go 1.8+), under every
 * interleaving of every scenario in {@link Scenarios#ALL}, checking the weak invariant after every
 * step; last three schedules that each pin down one half of the barrier and its condition.
 *
 * <p>The wrong answers this separates: Yuasa's half alone loses C in {@link
 * Scenarios#STACK_TO_BLACK_HEAP} (a pointer from an unscanned stack stored into a black object);
 * Dijkstra's half alone loses B in {@link Scenarios#HEAP_TO_SCANNED_STACK} (a pointer moved from
 * the heap onto a scanned stack); the condition inverted is Yuasa's half while it matters; shading
 * {@code ptr} unconditionally is safe, as Go's real barrier does, but is not the proposal's barrier
 * and fails the tests with a black stack.
 */
@DisplayName(
    "hybrid-barrier: shade the old pointer, and the new one while the writer's stack is grey")
class HybridBarrierTest {

  private static final Function<Heap, Collector> COLLECTOR =
      heap -> new Collector(heap, new HybridBarrier(), StackScan.INCREMENTAL, WorkListMarker::new);

  @ParameterizedTest(name = "{0} = {2} (it held {1}), stack grey", quoteTextArguments = false)
  @CsvSource(
      textBlock =
          """
          A.0, B,   C
          A.1, nil, C
          $g,  B,   C
          A.0, B,   nil
          """)
  @Tag("task:1")
  @DisplayName("with the writer's stack grey, writePointer shades the old and the new pointer")
  void greyStackShadesBoth(String slotText, String old, String ptr) {
    var gc = new RecordingGc(true);
    Slot slot = Slot.parse(slotText);
    gc.with(slot, nil(old));

    new HybridBarrier().writePointer(gc, slot, nil(ptr));

    assertThat(gc.stores())
        .as(
            "the stores your barrier made (your barrier did: %s); it must store %s into %s exactly"
                + " once, with gc.store",
            gc.log(), ptr, slot)
        .containsExactly(slot + " = " + ptr);
    assertThat(gc.shaded())
        .as(
            "the objects your barrier shaded (it did: %s). The old value %s is always shaded"
                + " (read it with gc.read before gc.store), and while the writing goroutine's"
                + " stack is grey (gc.currentStackIsGrey() is true here) the new pointer %s too;"
                + " shade(null) is a no-op",
            gc.log(), old, ptr)
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(old, ptr).filter(o -> !o.equals("nil")).toList());
  }

  @ParameterizedTest(name = "{0} = {2} (it held {1}), stack black", quoteTextArguments = false)
  @CsvSource(
      textBlock =
          """
          A.0, B,   C
          A.1, nil, C
          $g,  B,   C
          A.0, B,   nil
          """)
  @Tag("task:1")
  @DisplayName("with the writer's stack black (scanned), writePointer shades only the old pointer")
  void blackStackShadesOld(String slotText, String old, String ptr) {
    var gc = new RecordingGc(false);
    Slot slot = Slot.parse(slotText);
    gc.with(slot, nil(old));

    new HybridBarrier().writePointer(gc, slot, nil(ptr));

    assertThat(gc.stores())
        .as(
            "the stores your barrier made (your barrier did: %s); it must store %s into %s exactly"
                + " once, with gc.store",
            gc.log(), ptr, slot)
        .containsExactly(slot + " = " + ptr);
    assertThat(gc.shaded())
        .as(
            "the objects your barrier shaded (it did: %s). The old value %s is always shaded"
                + " (read before the store). The new pointer %s is not, because"
                + " gc.currentStackIsGrey() is false: \"Once a goroutine's stack is black, the"
                + " shade(ptr) becomes unnecessary\" (golang/proposal 17503). Shading it anyway is"
                + " safe but marks objects the cycle did not need to",
            gc.log(), old, ptr)
        .containsExactlyElementsOf(old.equals("nil") ? List.of() : List.of(old));
  }

  @Test
  @Tag("task:2")
  @DisplayName(
      "every interleaving of every scenario keeps the weak invariant and loses nothing, with no"
          + " stack rescan")
  void weakInvariantInEveryInterleaving() {
    for (var scenario : Scenarios.ALL) {
      var report = Interleavings.explore(scenario, COLLECTOR, Invariant.WEAK);
      if (report.failure().isPresent()) {
        fail(
            Interleavings.explain(
                report.failure().get(),
                COLLECTOR,
                "The weak invariant (弱三色不变性): a white object a black object or a scanned stack"
                    + " points to must still be reachable from a grey object or an unscanned"
                    + " stack through white ones. shade(*slot), always, saves an object whose"
                    + " last heap pointer is overwritten while a stack holds it; shade(ptr), while"
                    + " gc.currentStackIsGrey(), saves an object an unscanned stack stores into"
                    + " a black one and then drops."));
      }
      assertThat(report.interleavings()).as("interleavings of '%s'", scenario.name()).isPositive();
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName(
      "a pointer from an unscanned stack stored into a black object is shaded (Dijkstra's half)")
  void greyStackIntoBlackObject() {
    var gc = COLLECTOR.apply(Heap.parse(Scenarios.STACK_TO_BLACK_HEAP.heap()));
    var frames = Schedule.run(gc, Invariant.WEAK, "scan g1; mark; g2: A.0 = c");

    assertThat(gc.heap().color("C"))
        .as(
            "the colour of C after g2, whose stack is not scanned yet, stored its pointer to C"
                + " into black A:%n%s%nNothing else will shade C: g2 can now drop its own pointer,"
                + " and A is never scanned again. Shade ptr while gc.currentStackIsGrey()",
            Schedule.lastTwo(frames))
        .isEqualTo(Color.GREY);
  }

  @Test
  @Tag("task:3")
  @DisplayName(
      "a heap pointer moved onto a scanned stack is shaded when the heap slot is cleared (Yuasa's"
          + " half)")
  void heapToScannedStack() {
    var gc = COLLECTOR.apply(Heap.parse(Scenarios.HEAP_TO_SCANNED_STACK.heap()));
    var frames =
        Schedule.run(gc, Invariant.WEAK, "g1: x = $root; scan g1; g1: y = A.0; g1: A.0 = nil");

    assertThat(gc.heap().color("B"))
        .as(
            "the colour of B after g1, whose stack is already scanned, copied A.0 (B) into its"
                + " local y and cleared A.0:%n%s%nStacks are never rescanned, so B is now hidden"
                + " on a black stack. Shade the old value of the slot (gc.read before gc.store),"
                + " whatever the stack's colour",
            Schedule.lastTwo(frames))
        .isEqualTo(Color.GREY);
  }

  @Test
  @Tag("task:3")
  @DisplayName(
      "with the writer's stack scanned, the stored object stays white: grey B still leads to it")
  void blackStackLeavesPtrWhite() {
    var gc = COLLECTOR.apply(Heap.parse(Scenarios.HIDE_BEHIND_BLACK.heap()));
    var frames =
        Schedule.run(
            gc,
            Invariant.WEAK,
            "scan g1; mark; g1: x = B.0; g1: A.1 = x; g1: B.0 = nil; terminate");
    var afterStore = frames.get(frames.size() - 3);
    var afterDelete = frames.get(frames.size() - 2);

    assertThat(afterStore.heap().color("C"))
        .as(
            "the colour of C after g1 (stack scanned) stored it into black A:%n%s%nC is still"
                + " reachable from grey B, so the weak invariant holds with C white: \"Once a"
                + " goroutine's stack is black, the shade(ptr) becomes unnecessary\" (golang/proposal"
                + " 17503). Shade ptr only while gc.currentStackIsGrey()",
            HeapView.text(afterStore.heap()).strip().indent(2))
        .isEqualTo(Color.WHITE);
    assertThat(afterDelete.heap().color("C"))
        .as(
            "the colour of C once B.0 = nil cut the grey path to it:%n%s%nThe old value of B.0"
                + " must be shaded, whatever the stack's colour",
            HeapView.text(afterDelete.heap()).strip().indent(2))
        .isEqualTo(Color.GREY);
    assertThat(gc.lost()).as("objects lost at mark termination").isEmpty();
  }

  private static String nil(String text) {
    return text.equals("nil") ? null : text;
  }
}
