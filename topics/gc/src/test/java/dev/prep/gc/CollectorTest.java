package dev.prep.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Collector: phases, barriers, stack scanning and the lost object")
class CollectorTest {

  private static final String HIDE =
      "mark; g1: x = B.0; g1: A.1 = x; g1: B.0 = nil; g1: x = nil; terminate";

  private static Collector collector(Barrier barrier) {
    return Collector.of(Heap.parse(Scenarios.HIDE_BEHIND_BLACK.heap()), barrier);
  }

  @Test
  @DisplayName("stop-the-world marking (no mutator) blackens exactly the reachable objects")
  void stopTheWorld() {
    var heap = Heap.parse("$g -> A\nA -> B\nB -> A\nC -> A");
    var gc = Collector.of(heap, Barrier.NONE);

    gc.start();
    int steps = 0;
    while (gc.step()) {
      steps++;
    }
    gc.terminate();

    assertThat(steps).isEqualTo(2);
    assertThat(heap.objectsColored(Color.BLACK)).containsExactly("A", "B");
    assertThat(gc.sweep().freed()).containsExactly("C");
    assertThat(heap.objects()).containsExactly("A", "B");
  }

  @Test
  @DisplayName(
      "without a barrier, hiding C behind black A loses it: the sweep would free a live object")
  void noBarrierLosesC() {
    var gc = collector(Barrier.NONE);
    List<Schedule.Frame> frames = Schedule.run(gc, Invariant.STRONG, HIDE);

    assertThat(frames.get(3).step()).isEqualTo("g1: A.1 = x");
    assertThat(frames.get(3).violations()).containsExactly("A.1: black A -> white C");
    assertThat(gc.lost()).containsExactly("C");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"DIJKSTRA", "YUASA", "HYBRID"})
  @DisplayName("each barrier keeps C alive in the same schedule")
  void barriersKeepC(Barrier barrier) {
    var gc = collector(barrier);
    // the hybrid barrier scans stacks one at a time during marking: scan g1's first
    Schedule.run(gc, Invariant.NONE, (barrier == Barrier.HYBRID ? "scan g1; " : "") + HIDE);

    assertThat(gc.lost()).isEmpty();
    assertThat(gc.sweep().kept()).contains("C");
  }

  @Test
  @DisplayName("objects allocated during marking are born black and survive")
  void allocateBlack() {
    var gc = Collector.of(Heap.parse("$root -> A\nA -> nil"), Barrier.HYBRID);
    gc.start();
    gc.run(Op.parse("g1: n = new N(0)"));

    assertThat(gc.heap().color("N")).isEqualTo(Color.BLACK);
    assertThat(gc.allocatedDuringMarking()).containsExactly("N");
  }

  @Test
  @DisplayName("a goroutine cannot touch an object it cannot reach")
  void reachability() {
    var gc = Collector.of(Heap.parse("g1:a -> A\nA -> nil\nB -> nil"), Barrier.HYBRID);
    gc.start();

    assertThatThrownBy(() -> gc.run(Op.parse("g1: x = B.0")))
        .hasMessageContaining("g1 cannot reach B");
  }

  @Test
  @DisplayName("a barrier that forgets to store is caught")
  void barrierMustStore() {
    var gc =
        new Collector(
            Heap.parse(Scenarios.HIDE_BEHIND_BLACK.heap()),
            (g, slot, ptr) -> g.shade(ptr),
            StackScan.AT_START,
            WorkListMarker::new);
    gc.start();
    gc.run(Op.parse("g1: x = B.0"));

    assertThatThrownBy(() -> gc.run(Op.parse("g1: A.1 = x")))
        .hasMessageContaining("did not store C into A.1");
  }

  @Test
  @DisplayName("Dijkstra's rescan happens with the world stopped: the pause grows with the stacks")
  void rescanIsStopTheWorldWork() {
    var dijkstra = collector(Barrier.DIJKSTRA);
    var hybrid = collector(Barrier.HYBRID);
    Schedule.run(dijkstra, Invariant.NONE, HIDE);
    Schedule.run(hybrid, Invariant.NONE, "scan g1; " + HIDE);

    assertThat(dijkstra.stoppedTheWorldWork()).isGreaterThan(hybrid.stoppedTheWorldWork());
  }
}
