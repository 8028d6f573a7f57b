package dev.prep.slices;

import java.util.StringJoiner;

/**
 * A Go slice in Java: an immutable header (array, offset, len, cap) over a shared backing array
 * (底层数组), with Go's sharing rules.
 *
 * <ul>
 *   <li>{@link #slice(int, int)} and {@link #slice(int, int, int)} never copy: the result shares
 *       this slice's array, so {@link #set} through one is visible through the other;
 *   <li>{@link #append} writes into the shared array while capacity allows and returns a new
 *       header; when the elements do not fit, it copies into a new array whose capacity is the one
 *       Go's runtime would choose ({@link SliceGrowth#capAfterAppend});
 *   <li>{@link #copy} copies {@code min(len(dst), len(src))} elements and is correct when the two
 *       slices overlap, like Go's built-in {@code copy} ({@code memmove}).
 * </ul>
 *
 * <p><b>Element size.</b> A Java {@code Object[]} slot has no Go size, yet Go's growth depends on
 * the element size. Each slice therefore carries the size in bytes of the Go element type it models,
 * chosen when it is made ({@link #make(int, int, int)}) and inherited by every slice derived from
 * it. {@link #of} and {@link #make(int, int)} choose 8 bytes: Go's {@code int} on 64-bit, a
 * pointer-free type. (A Go element type with pointers would grow differently from Go 1.22 on,
 * because of the malloc header; this class does not model that.)
 *
 * <p>Where Go panics, this class throws {@link IndexOutOfBoundsException} with Go's message, for
 * example {@code "index out of range [5] with length 3"}.
 *
 * @param <T> the element type
 */
public final class GoSlice<T> {

  /** The element size used unless one is given: Go's {@code int} on a 64-bit platform. */
  public static final int DEFAULT_ELEM_SIZE = 8;

  private final Object[] array;
  private final int offset;
  private final int len;
  private final int cap;
  private final int elemSize;

  private GoSlice(Object[] array, int offset, int len, int cap, int elemSize) {
    this.array = array;
    this.offset = offset;
    this.len = len;
    this.cap = cap;
    this.elemSize = elemSize;
  }

  /** {@code []T{values...}}: a new array holding the values, {@code len == cap}. */
  @SafeVarargs
  public static <T> GoSlice<T> of(T... values) {
    Object[] array = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      array[i] = values[i]; // element by element: the varargs array itself never escapes
    }
    return new GoSlice<>(array, 0, values.length, values.length, DEFAULT_ELEM_SIZE);
  }

  /** {@code make([]T, len, cap)} with 8-byte elements: a new array of nulls (Go's zero values). */
  public static <T> GoSlice<T> make(int len, int cap) {
    return make(len, cap, DEFAULT_ELEM_SIZE);
  }

  /**
   * {@code make([]T, len, cap)} for a Go element type of {@code elemSize} bytes.
   *
   * @throws IllegalArgumentException unless {@code 0 <= len <= cap} and {@code elemSize >= 1}
   */
  public static <T> GoSlice<T> make(int len, int cap, int elemSize) {
    if (len < 0 || len > cap || elemSize < 1) {
      throw new IllegalArgumentException(
          "make needs 0 <= len <= cap and elemSize >= 1: got len=%d cap=%d elemSize=%d"
              .formatted(len, cap, elemSize));
    }
    return new GoSlice<>(new Object[cap], 0, len, cap, elemSize);
  }

  /** {@code len(s)}. */
  public int len() {
    return len;
  }

  /** {@code cap(s)}: room from this slice's start to the end of its array. */
  public int cap() {
    return cap;
  }

  /** The size in bytes of the Go element type this slice models. */
  public int elemSize() {
    return elemSize;
  }

  /** {@code s[i]}; panics like Go unless {@code 0 <= i < len}. */
  @SuppressWarnings("unchecked") // only T values are ever stored
  public T get(int i) {
    // Go checks against len, not cap: spare capacity is not readable through s[i].
    checkIndex(i);
    return (T) array[offset + i];
  }

  /** {@code s[i] = value}: writes the shared array, visible through every overlapping slice. */
  public void set(int i, T value) {
    // Same bound as get: within len only.
    checkIndex(i);
    array[offset + i] = value;
  }

  /**
   * {@code append(s, values...)}: a new header with the values after this slice's elements.
   * Within capacity it writes into the shared array (overwriting whatever another slice kept
   * there); otherwise it copies to a new array with Go's growth.
   */
  @SafeVarargs
  public final GoSlice<T> append(T... values) {
    int newLen = len + values.length;
    if (newLen <= cap) {
      // It fits: Go reuses the array, which is exactly what makes aliasing surprising.
      for (int i = 0; i < values.length; i++) {
        array[offset + len + i] = values[i];
      }
      return new GoSlice<>(array, offset, newLen, cap, elemSize);
    }
    // It does not fit: Go's growslice picks the capacity from the OLD cap, then copies len elements.
    int newCap = SliceGrowth.capAfterAppend(cap, newLen, elemSize);
    Object[] grown = new Object[newCap];
    System.arraycopy(array, offset, grown, 0, len);
    for (int i = 0; i < values.length; i++) {
      grown[len + i] = values[i];
    }
    return new GoSlice<>(grown, 0, newLen, newCap, elemSize);
  }

  /** {@code s[low:high]}: shares the array; {@code high} may reach {@code cap}, not just len. */
  public GoSlice<T> slice(int low, int high) {
    // Go checks the high bound against cap first, then low against high.
    if (high < 0 || high > cap) {
      throw new IndexOutOfBoundsException(
          "slice bounds out of range [:%d] with capacity %d".formatted(high, cap));
    }
    if (low < 0 || low > high) {
      throw new IndexOutOfBoundsException("slice bounds out of range [%d:%d]".formatted(low, high));
    }
    return new GoSlice<>(array, offset + low, high - low, cap - low, elemSize);
  }

  /** {@code s[low:high:max]}: shares the array, capacity cut to {@code max - low}. */
  public GoSlice<T> slice(int low, int high, int max) {
    // Go checks from the right: max against cap, high against max, low against high.
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
    return new GoSlice<>(array, offset + low, high - low, max - low, elemSize);
  }

  /**
   * Go's built-in {@code copy(dst, src)}: copies {@code min(len(dst), len(src))} elements, correct
   * even when {@code dst} and {@code src} overlap in the same array.
   *
   * @return the number of elements copied
   */
  public static <T> int copy(GoSlice<T> dst, GoSlice<? extends T> src) {
    int n = Math.min(dst.len, src.len);
    // arraycopy behaves as if through a temporary copy: overlap-safe, like memmove.
    System.arraycopy(src.array, src.offset, dst.array, dst.offset, n);
    return n;
  }

  /** Whether both slices view the same backing array (Go: their pointers lead into one array). */
  public boolean sharesArrayWith(GoSlice<?> other) {
    return array == other.array;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= len) {
      throw new IndexOutOfBoundsException(
          "index out of range [%d] with length %d".formatted(i, len));
    }
  }

  /** As Go's {@code fmt.Println(s)} prints it: {@code [a b c]}. */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(" ", "[", "]");
    for (int i = 0; i < len; i++) {
      out.add(String.valueOf(array[offset + i]));
    }
    return out.toString();
  }
}
