package dev.prep.slices;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Filtering in place, Go's {@code slices.DeleteFunc(s, del)}, on a Java array used as a slice's
 * backing array: the slice is {@code array[0:len]}.
 *
 * <p>The idiom reuses the slice's own array: a write index trails the read index, every kept
 * element is moved down to the write index, and the result is {@code s[:w]}. No allocation, one
 * pass, order kept. Like {@code slices.DeleteFunc} since Go 1.22, the slots freed at the end are
 * zeroed ({@code null} here) so they do not keep deleted elements alive.
 */
public final class SliceFilter {

  private SliceFilter() {}

  /**
   * Removes every element of {@code array[0:len]} for which {@code delete} is true, keeping the
   * others in their order.
   *
   * @param array the backing array, changed in place
   * @param len the slice's length, {@code <= array.length}
   * @param delete called exactly once per element, in index order
   * @return the new length; slots from it up to {@code len} are now null
   */
  public static <E> int deleteFunc(E[] array, int len, Predicate<? super E> delete) {
    if (len < 0 || len > array.length) {
      throw new IllegalArgumentException(
          "len %d does not fit an array of %d".formatted(len, array.length));
    }
    int kept = 0;
    for (int read = 0; read < len; read++) {
      E element = array[read];
      // Test each element once, and move the keepers down in one pass (no shifting per delete).
      if (!delete.test(element)) {
        array[kept++] = element;
      }
    }
    // Clear the tail the slice gave up, so deleted elements can be garbage collected.
    Arrays.fill(array, kept, len, null);
    return kept;
  }
}
