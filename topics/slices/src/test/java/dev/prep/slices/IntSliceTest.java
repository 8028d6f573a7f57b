package dev.prep.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IntSlice, the notebooks' model of a []int, shares arrays as Go does")
class IntSliceTest {

  @Test
  @DisplayName("append after a reslice writes the parent's element")
  void aliasing() {
    IntSlice a = IntSlice.of(1, 2, 3, 4);
    IntSlice b = a.slice(0, 2).append(99);
    assertThat(a).hasToString("[1 2 99 4] len=4 cap=4");
    assertThat(b.sharesArrayWith(a)).isTrue();
  }

  @Test
  @DisplayName("the full slice expression caps the capacity, so append copies")
  void fullSliceExpression() {
    IntSlice a = IntSlice.of(1, 2, 3, 4);
    IntSlice c = a.slice(0, 2, 2).append(99);
    assertThat(a).hasToString("[1 2 3 4] len=4 cap=4");
    assertThat(c).hasToString("[1 2 99] len=3 cap=4");
  }

  @Test
  @DisplayName("out-of-range access throws with Go's panic message")
  void bounds() {
    IntSlice s = IntSlice.make(2, 5);
    assertThatThrownBy(() -> s.get(2)).hasMessage("index out of range [2] with length 2");
    assertThatThrownBy(() -> s.slice(0, 6))
        .hasMessage("slice bounds out of range [:6] with capacity 5");
    assertThatThrownBy(() -> s.slice(0, 2, 6))
        .hasMessage("slice bounds out of range [::6] with capacity 5");
  }
}
