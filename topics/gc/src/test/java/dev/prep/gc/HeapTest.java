package dev.prep.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Heap: the text form, reachability and copies")
class HeapTest {

  private static final String TEXT =
      """
      $root -> A
      g1:x -> C
      A -> B, nil
      B
      C -> A
      D
      """;

  @Test
  @DisplayName("parses roots, objects and fields, and prints the same text back")
  void roundTrip() {
    Heap heap = Heap.parse(TEXT);

    assertThat(heap.objects()).containsExactly("A", "B", "C", "D");
    assertThat(heap.goroutines()).containsExactly("g1");
    assertThat(heap.read(Slot.parse("A.0"))).isEqualTo("B");
    assertThat(heap.read(Slot.parse("A.1"))).isNull();
    assertThat(heap.toString()).isEqualTo(TEXT);
    assertThat(Heap.parse(heap.toString()).sameState(heap)).isTrue();
  }

  @Test
  @DisplayName("reachability follows roots and fields; an object nothing points to is garbage")
  void reachable() {
    assertThat(Heap.parse(TEXT).reachable()).containsExactly("A", "C", "B");
  }

  @Test
  @DisplayName("a copy is independent of the original")
  void copy() {
    Heap heap = Heap.parse(TEXT);
    Heap copy = heap.copy();

    copy.store(Slot.parse("A.1"), "D");
    copy.setColor("A", Color.BLACK);

    assertThat(heap.read(Slot.parse("A.1"))).isNull();
    assertThat(heap.color("A")).isEqualTo(Color.WHITE);
    assertThat(copy.reachable()).contains("D");
  }

  @Test
  @DisplayName("bad text is rejected with the line and what to write instead")
  void errors() {
    assertThatThrownBy(() -> Heap.parse("A -> B"))
        .hasMessageContaining("A.0 points to B, which is not declared");
    assertThatThrownBy(() -> Heap.parse("A\nA"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("declared twice");
    assertThatThrownBy(() -> Heap.parse("$g -> A, B\nA\nB"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("exactly one pointer");
    assertThatThrownBy(() -> Heap.parse("A -> , B\nB")).hasMessageContaining("write nil");
    assertThatThrownBy(() -> Slot.parse("A-0")).hasMessageContaining("not a slot");
  }

  @Test
  @DisplayName("a field index past the object's fields is an error naming both")
  void fieldIndex() {
    Heap heap = Heap.parse("A -> nil");
    assertThatThrownBy(() -> heap.read(Slot.parse("A.3")))
        .hasMessage("object A has 1 fields; there is no A.3");
  }
}
