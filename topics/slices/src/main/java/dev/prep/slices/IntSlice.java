package dev.prep.slices;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A teaching model of a Go {@code []int}: a slice header (切片头) of three fields — which array, where
 * the view starts ({@code offset}, standing in for Go's pointer), its length and capacity — over a
 * shared {@code int[]}, the backing array (底层数组).
 *
 * <p>Like Go, {@link #slice(int, int)} and {@link #append(int...)} within capacity never copy: they
 * return a new header over the same array, so writes through one header are visible through every
 * other that covers the same element. Unlike Go, this model grows simply by doubling when an append
 * does not fit (or to the exact length, if doubling is not enough); Go's real rule, with size
 * classes, is the subject of notebook 03 and of the exercise {@code slices/append-growth}.
 *
 * <p>Out-of-range accesses throw {@link IndexOutOfBoundsException} with Go's panic messages.
 *
 * @param array the backing array, shared with other headers
 * @param offset index in {@code array} of this slice's element 0 (Go stores a pointer)
 * @param len the number of elements visible through this header
 * @param cap the number of elements from {@code offset} to the end of the array
 */
public record IntSlice(int[] array, int offset, int len, int cap) {

  public IntSlice {
    if (offset < 0 || len < 0 || len > cap || offset + cap > array.length) {
      throw new IllegalArgumentException(
          "no such slice: offset=%d len=%d cap=%d over an array of %d"
              .formatted(offset, len, cap, array.length));
    }
  }

  /** {@code []int{values...}}: a new array, {@code len == cap}. */
  public static IntSlice of(int... values) {
    return new IntSlice(values.clone(), 0, values.length, values.length);
  }

  /** {@code make([]int, len, cap)}: a new zeroed array. */
  public static IntSlice make(int len, int cap) {
    return new IntSlice(new int[cap], 0, len, cap);
  }

  /** {@code s[i]}. */
  public int get(int i) {
    checkIndex(i);
    return array[offset + i];
  }

  /** {@code s[i] = value}: writes to the shared array. */
  public void set(int i, int value) {
    checkIndex(i);
    array[offset + i] = value;
  }

  /** {@code s[low:high]}: shares the array; the new capacity is {@code cap - low}. */
  public IntSlice slice(int low, int high) {
    if (high < 0 || high > cap) {
      throw new IndexOutOfBoundsException(
          "slice bounds out of range [:%d] with capacity %d".formatted(high, cap));
    }
    if (low < 0 || low > high) {
      throw new IndexOutOfBoundsException("slice bounds out of range [%d:%d]".formatted(low, high));
    }
    return new IntSlice(array, offset + low, high - low, cap - low);
  }

  /** {@code s[low:high:max]}: shares the array, but the capacity is cut to {@code max - low}. */
  public IntSlice slice(int low, int high, int max) {
    if (max < 0 || max > cap) {
      throw new IndexOutOfBoundsException(
          "slice bounds out of range [::%d] with capacity %d".formatted(max, cap));
    }
    if (high < 0 || high > max) {
      throw new IndexOutOfBoundsException(
          "slice bounds out of range [:%d:%d]".formatted(high, max));
    }
    if (low < 0 || low > high) {
      throw new IndexOutOfBoundsException(
          "slice bounds out of range [%d:%d:]".formatted(low, high));
    }
    return new IntSlice(array, offset + low, high - low, max - low);
  }

  /**
   * {@code append(s, values...)}: writes into the shared array while capacity allows, otherwise
   * copies into a new array (this model doubles; see the class comment).
   */
  public IntSlice append(int... values) {
    int newLen = len + values.length;
    if (newLen <= cap) {
      System.arraycopy(values, 0, array, offset + len, values.length);
      return new IntSlice(array, offset, newLen, cap);
    }
    int newCap = Math.max(newLen, 2 * cap);
    int[] grown = Arrays.copyOfRange(array, offset, offset + newCap);
    System.arraycopy(values, 0, grown, len, values.length);
    return new IntSlice(grown, 0, newLen, newCap);
  }

  /** Whether both headers point into the same backing array. */
  public boolean sharesArrayWith(IntSlice other) {
    return array == other.array;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= len) {
      throw new IndexOutOfBoundsException(
          "index out of range [%d] with length %d".formatted(i, len));
    }
  }

  /** As Go's {@code fmt.Printf("%v len=%d cap=%d", s, len(s), cap(s))} prints it. */
  @Override
  public String toString() {
    StringJoiner elements = new StringJoiner(" ", "[", "]");
    for (int i = 0; i < len; i++) {
      elements.add(Integer.toString(array[offset + i]));
    }
    return elements + " len=" + len + " cap=" + cap;
  }
}
