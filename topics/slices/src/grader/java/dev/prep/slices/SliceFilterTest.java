package dev.prep.slices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grader for {@code slices/filter-in-place}: Go's {@code slices.DeleteFunc} on a Java array. */
@DisplayName("filter-in-place: delete matching elements in one pass, reusing the array")
class SliceFilterTest {

  private static Integer[] numbers(String csv, int capacity) {
    Integer[] array = new Integer[capacity];
    if (!csv.isEmpty()) {
      String[] parts = csv.split(" ");
      for (int k = 0; k < parts.length; k++) {
        array[k] = Integer.valueOf(parts[k]);
      }
    }
    return array;
  }

  private static String kept(Integer[] array, int len) {
    return String.join(" ", Arrays.stream(array, 0, len).map(String::valueOf).toList());
  }

  @DisplayName("Deleting the even numbers keeps the odd ones in order")
  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      textBlock =
          """
          1 2 3 4 5,   1 3 5
          2 4 6 7,     7
          2 2 2 3 3,   3 3
          1 3 5,       1 3 5
          2 4,         ''
          '',          ''
          """)
  void deletesEvens(String input, String expected) {
    Integer[] array = numbers(input, 8);
    int len = input.isEmpty() ? 0 : input.split(" ").length;
    int newLen = SliceFilter.deleteFunc(array, len, n -> n % 2 == 0);
    assertThat(kept(array, newLen))
        .as(
            "array[0:newLen] after deleting evens from [%s] (adjacent matches are a classic skip bug)",
            input)
        .isEqualTo(expected);
  }

  @Test
  @DisplayName("The freed slots at the end are cleared to null")
  void clearsTheTail() {
    Integer[] array = numbers("1 2 3 4 5 6", 6);
    int newLen = SliceFilter.deleteFunc(array, 6, n -> n > 2);
    assertThat(newLen).isEqualTo(2);
    assertThat(Arrays.copyOfRange(array, 2, 6))
        .as("array[2:6] after keeping [1 2]: they still referenced 3..6, which must be freed")
        .containsOnlyNulls();
  }

  @Test
  @DisplayName("The predicate is asked once per element, in order")
  void asksOncePerElementInOrder() {
    Integer[] array = numbers("5 6 7 8", 4);
    List<Integer> asked = new ArrayList<>();
    SliceFilter.deleteFunc(
        array,
        4,
        n -> {
          asked.add(n);
          return n == 6;
        });
    assertThat(asked)
        .as("the elements the predicate saw: one pass, no second look")
        .containsExactly(5, 6, 7, 8);
  }

  @Test
  @DisplayName("Slots beyond len are neither tested nor touched")
  void ignoresBeyondLen() {
    Integer[] array = numbers("1 2 3 4", 6);
    array[5] = 42;
    List<Integer> asked = new ArrayList<>();
    SliceFilter.deleteFunc(array, 4, n -> asked.add(n) && false);
    assertThat(asked).hasSize(4);
    assertThat(array[5]).isEqualTo(42);
  }
}
