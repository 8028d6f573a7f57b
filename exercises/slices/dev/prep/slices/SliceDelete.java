package dev.prep.slices;

/**
 * Go's {@code slices.Delete(s, i, j)} on a Java array used as a slice's backing array: the slice is
 * {@code array[0:len]}.
 *
 * <p>Deleting moves the tail {@code s[j:]} left over {@code s[i:j]} in place — no new array — and
 * the slice gets shorter. The slots between the new and the old length still hold references to
 * elements that are no longer in the slice; as long as the array lives, the garbage collector cannot
 * free them. Since Go 1.22, {@code slices.Delete} therefore zeroes those slots (Go 1.22 release
 * notes, "slices"; golang/go#63393). Here, zero means {@code null}.
 */
public final class SliceDelete {

  private SliceDelete() {}

  /**
   * Removes {@code array[i:j]} from the slice {@code array[0:len]}.
   *
   * @param array the backing array, changed in place
   * @param len the slice's length, {@code <= array.length}
   * @param i first index to delete
   * @param j index after the last one to delete
   * @return the new length, {@code len - (j - i)}; slots from it up to {@code len} are now null
   * @throws IndexOutOfBoundsException unless {@code 0 <= i <= j <= len} (Go panics)
   */
  public static <E> int delete(E[] array, int len, int i, int j) {
    if (len < 0 || len > array.length) {
      throw new IllegalArgumentException(
          "len %d does not fit an array of %d".formatted(len, array.length));
    }
    // TODO: reject ranges outside 0 <= i <= j <= len, move array[j:len] down to i, null the freed tail, return the new length
    throw new UnsupportedOperationException("TODO: delete array[i:j]");
  }
}
