package dev.prep.slices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Grader for {@code slices/delete-range}: Go 1.22's {@code slices.Delete} on a Java array. */
@DisplayName("delete-range: delete s[i:j] in place without leaking the tail")
class SliceDeleteTest {

  private static String[] letters(int n, int capacity) {
    String[] array = new String[capacity];
    for (int k = 0; k < n; k++) {
      array[k] = String.valueOf((char) ('a' + k));
    }
    return array;
  }

  @DisplayName("Deleting s[i:j] closes the gap and keeps the order")
  @ParameterizedTest(name = "delete [{0}:{1}] from abcdef -> {2}")
  @CsvSource(
      textBlock =
          """
          2, 5, abf
          0, 1, bcdef
          5, 6, abcde
          0, 6, ''
          3, 3, abcdef
          """)
  void deletesTheRange(int i, int j, String expected) {
    String[] array = letters(6, 8);
    int newLen = SliceDelete.delete(array, 6, i, j);
    assertThat(String.join("", Arrays.copyOf(array, newLen)))
        .as("array[0:newLen] after delete(array, 6, %d, %d)", i, j)
        .isEqualTo(expected);
    assertThat(newLen).isEqualTo(6 - (j - i));
  }

  @Test
  @DisplayName("The slots after the new length are cleared, so the GC can free what was deleted")
  void clearsTheTail() {
    String[] array = letters(6, 8);
    int newLen = SliceDelete.delete(array, 6, 2, 5);
    assertThat(Arrays.copyOfRange(array, newLen, 6))
        .as(
            "array[%d:6] after deleting [2:5]: they still referenced d, e, f; Go 1.22 zeroes them",
            newLen)
        .containsOnlyNulls();
  }

  @Test
  @DisplayName("Slots beyond the old length are not touched")
  void leavesBeyondLenAlone() {
    String[] array = letters(6, 8);
    array[7] = "spare";
    SliceDelete.delete(array, 6, 0, 2);
    assertThat(array[7]).as("array[7] lies beyond len 6, outside the slice").isEqualTo("spare");
  }

  @DisplayName("An invalid range panics before anything moves")
  @ParameterizedTest(name = "delete [{0}:{1}] from a slice of length 6")
  @CsvSource(
      textBlock =
          """
          4, 2
          -1, 2
          2, 7
          """)
  void rejectsBadRanges(int i, int j) {
    String[] array = letters(6, 8);
    assertThatThrownBy(() -> SliceDelete.delete(array, 6, i, j))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(String.join("", Arrays.copyOf(array, 6)))
        .as("the array after a rejected delete")
        .isEqualTo("abcdef");
  }
}
