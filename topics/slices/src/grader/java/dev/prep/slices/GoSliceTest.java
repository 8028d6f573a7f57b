package dev.prep.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grader for {@code slices/go-slice}: Go's slice semantics, sharing included. */
@DisplayName("go-slice: a Go slice in Java, sharing its backing array exactly as Go does")
class GoSliceTest {

  private static final String GROWTH_HINT =
      " (append grows with SliceGrowth.capAfterAppend: finish slices/append-growth first)";

  @Test
  @Tag("task:1")
  @DisplayName("get reads and set writes the elements within len")
  void getAndSet() {
    GoSlice<String> s = GoSlice.of("a", "b", "c");
    s.set(1, "B");
    assertThat(s.get(0)).isEqualTo("a");
    assertThat(s.get(1)).as("get(1) after set(1, \"B\")").isEqualTo("B");
    assertThat(s).hasToString("[a B c]");
  }

  @Test
  @Tag("task:1")
  @DisplayName("get past len panics like Go, even when the capacity is larger")
  void getPastLenPanics() {
    GoSlice<String> s = GoSlice.<String>make(3, 10);
    assertThatThrownBy(() -> s.get(3))
        .as("s[3] on a slice of len 3 (cap 10): spare capacity is not readable")
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index out of range [3] with length 3");
    assertThatThrownBy(() -> s.set(-1, "x")).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  @Tag("task:2")
  @DisplayName("s[1:3] shares the array: len 2, cap = cap(s) - 1, and writes show through")
  void sliceSharesTheArray() {
    GoSlice<Integer> s = GoSlice.of(10, 20, 30, 40, 50);
    GoSlice<Integer> t = s.slice(1, 3);
    assertThat(t.len()).as("len(s[1:3])").isEqualTo(2);
    assertThat(t.cap())
        .as("cap(s[1:3]) is cap(s) - 1: the view runs to the end of the array")
        .isEqualTo(4);
    assertThat(t).hasToString("[20 30]");
    t.set(0, 99);
    assertThat(s.get(1))
        .as("s[1] after t[0] = 99, where t = s[1:3]: they share the array")
        .isEqualTo(99);
    assertThat(t.sharesArrayWith(s)).isTrue();
  }

  @Test
  @Tag("task:2")
  @DisplayName("Reslicing may reach past len up to cap, uncovering what is already in the array")
  void resliceUpToCap() {
    GoSlice<Integer> s = GoSlice.of(1, 2, 3, 4);
    GoSlice<Integer> head = s.slice(0, 1);
    GoSlice<Integer> again = head.slice(0, 4);
    assertThat(again)
        .as("s[:1][:4]: high is checked against cap, not len")
        .hasToString("[1 2 3 4]");
  }

  @Test
  @Tag("task:2")
  @DisplayName("s[low:high:max] limits the capacity to max - low")
  void fullSliceExpressionLimitsCapacity() {
    GoSlice<Integer> s = GoSlice.of(1, 2, 3, 4, 5);
    GoSlice<Integer> t = s.slice(1, 2, 3);
    assertThat(t.len()).as("len(s[1:2:3])").isEqualTo(1);
    assertThat(t.cap()).as("cap(s[1:2:3]) is max - low").isEqualTo(2);
    assertThat(t.sharesArrayWith(s)).isTrue();
  }

  @Tag("task:2")
  @DisplayName("Out-of-range slicing panics with Go's message")
  @ParameterizedTest(name = "s[{0}:{1}] on len 3 cap 5 -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 | 6 | slice bounds out of range [:6] with capacity 5
          3 | 2 | slice bounds out of range [3:2]
          """)
  void sliceBounds(int low, int high, String message) {
    GoSlice<Integer> s = GoSlice.<Integer>make(3, 5);
    assertThatThrownBy(() -> s.slice(low, high))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage(message);
  }

  @Tag("task:2")
  @DisplayName("Out-of-range full slice expressions panic with Go's message")
  @ParameterizedTest(name = "s[{0}:{1}:{2}] on len 3 cap 5 -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0 | 2 | 6 | slice bounds out of range [::6] with capacity 5
          0 | 4 | 3 | slice bounds out of range [:4:3]
          3 | 2 | 4 | slice bounds out of range [3:2:]
          """)
  void fullSliceBounds(int low, int high, int max, String message) {
    GoSlice<Integer> s = GoSlice.<Integer>make(3, 5);
    assertThatThrownBy(() -> s.slice(low, high, max))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage(message);
  }

  @Test
  @Tag("task:3")
  @DisplayName("The classic: append after a reslice overwrites the neighbour's element")
  void appendAfterResliceOverwritesNeighbour() {
    GoSlice<Integer> a = GoSlice.of(1, 2, 3, 4);
    GoSlice<Integer> b = a.slice(0, 2).append(99);
    assertThat(b).hasToString("[1 2 99]");
    assertThat(a)
        .as("a after b := append(a[:2], 99): the append fits in a's array and writes a[2]")
        .hasToString("[1 2 99 4]");
    assertThat(b.sharesArrayWith(a)).isTrue();
  }

  @Test
  @Tag("task:3")
  @DisplayName("The full slice expression a[:2:2] makes the next append copy, so a is safe")
  void fullSliceExpressionProtectsNeighbour() {
    GoSlice<Integer> a = GoSlice.of(1, 2, 3, 4);
    GoSlice<Integer> b = a.slice(0, 2, 2).append(99);
    assertThat(b).hasToString("[1 2 99]");
    assertThat(a)
        .as("a after append(a[:2:2], 99): no spare capacity, so append must copy")
        .hasToString("[1 2 3 4]");
    assertThat(b.sharesArrayWith(a))
        .as("append beyond cap returns a slice over a new array")
        .isFalse();
  }

  @Test
  @Tag("task:3")
  @DisplayName("append returns a new header: the slice it was called on keeps its len")
  void appendInCalleeLeavesCallersLen() {
    GoSlice<String> caller = GoSlice.<String>make(0, 4);
    GoSlice<String> callee = caller.append("x");
    assertThat(caller.len()).as("the caller's len after someone else appended").isZero();
    assertThat(callee.len()).isEqualTo(1);
    assertThat(caller.slice(0, 1).get(0))
        .as("but the element is in the shared array: caller[:1][0]")
        .isEqualTo("x");
  }

  @Test
  @Tag("task:3")
  @DisplayName("Growing copies the elements into a new array and leaves the old one alone")
  void growingCopies() {
    GoSlice<Integer> s = GoSlice.of(1, 2, 3);
    GoSlice<Integer> t = s.append(4);
    t.set(0, 100);
    assertThat(t).hasToString("[100 2 3 4]");
    assertThat(s).as("s after t := append(s, 4) grew and t[0] = 100").hasToString("[1 2 3]");
  }

  @Tag("task:3")
  @DisplayName("Growing picks Go's capacity for the slice's element size")
  @ParameterizedTest(name = "make(len {0}, cap {0}, {1}-byte elements) plus {2} -> cap {3}")
  @CsvSource(
      textBlock =
          """
          0,    8, 1, 1
          5,    8, 1, 10
          2,    8, 3, 6
          5,    1, 1, 16
          1024, 8, 1, 1536
          512,  8, 1, 848
          """)
  void growthFollowsGo(int len, int elemSize, int more, int expectedCap) {
    GoSlice<Integer> s = GoSlice.<Integer>make(len, len, elemSize);
    Integer[] values = new Integer[more];
    assertThat(s.append(values).cap()).as("new capacity" + GROWTH_HINT).isEqualTo(expectedCap);
  }

  @Test
  @Tag("task:4")
  @DisplayName("copy copies min(len(dst), len(src)) elements and returns that count")
  void copyCopiesTheShorterLength() {
    GoSlice<Integer> dst = GoSlice.of(0, 0);
    GoSlice<Integer> src = GoSlice.of(7, 8, 9);
    assertThat(GoSlice.copy(dst, src)).as("copy of 3 into 2").isEqualTo(2);
    assertThat(dst).hasToString("[7 8]");
  }

  @Test
  @Tag("task:4")
  @DisplayName("copy(s[1:], s) shifts right without smearing the first element")
  void copyOverlappingRight() {
    GoSlice<Integer> s = GoSlice.of(1, 2, 3, 4, 5);
    int n = GoSlice.copy(s.slice(1, 5), s);
    assertThat(n).isEqualTo(4);
    assertThat(s)
        .as("a front-to-back loop gives [1 1 1 1 1]; copy must behave like memmove")
        .hasToString("[1 1 2 3 4]");
  }

  @Test
  @Tag("task:4")
  @DisplayName("copy(s, s[1:]) shifts left, the idiom behind deleting s[0]")
  void copyOverlappingLeft() {
    GoSlice<Integer> s = GoSlice.of(1, 2, 3, 4, 5);
    assertThat(GoSlice.copy(s, s.slice(1, 5))).isEqualTo(4);
    assertThat(s).hasToString("[2 3 4 5 5]");
  }
}
