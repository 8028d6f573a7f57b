package dev.prep.slices;

import java.util.List;

/**
 * The capacity Go's {@code append} gives a slice that has to grow (扩容), for element types without
 * pointers, exactly as the Go runtime computes it (Go 1.18 through 1.26, 64-bit).
 *
 * <p>Two steps, both in {@code src/runtime/slice.go} ({@code growslice}, with the first step
 * factored out as {@code nextslicecap} since Go 1.20):
 *
 * <ol>
 *   <li>{@link #nextCap}: pick a candidate capacity from the old capacity and the length needed;
 *   <li>{@link #roundUpSize}: turn it into bytes and round them up to what the allocator really
 *       hands out ({@code roundupsize} in {@code src/runtime/msize.go}): a size class from {@link
 *       SizeClasses} for small objects, whole pages for large ones. The capacity is whatever fits in
 *       those bytes.
 * </ol>
 */
public final class SliceGrowth {

  /** Below this capacity Go doubles; from here on it grows by a factor sliding towards 1.25. */
  static final int THRESHOLD = 256;

  private SliceGrowth() {}

  /**
   * The capacity of {@code append(s, ...)}'s result when {@code s} has capacity {@code oldCap} and
   * the result must hold {@code newLen > oldCap} elements of {@code elemSize} bytes.
   *
   * @param oldCap the capacity of the slice being appended to, {@code >= 0}
   * @param newLen the length after the append, {@code > oldCap}
   * @param elemSize the element size in bytes ({@code unsafe.Sizeof}), {@code >= 1}
   * @return the new capacity, {@code >= newLen}
   * @throws IllegalArgumentException if the append would not need to grow the slice
   */
  public static int capAfterAppend(int oldCap, int newLen, int elemSize) {
    if (oldCap < 0 || newLen <= oldCap || elemSize < 1) {
      throw new IllegalArgumentException(
          "append grows only when newLen > oldCap >= 0 and elemSize >= 1: got oldCap=%d newLen=%d elemSize=%d"
              .formatted(oldCap, newLen, elemSize));
    }
    int candidate = nextCap(oldCap, newLen);
    long bytes = roundUpSize((long) candidate * elemSize);
    return Math.toIntExact(bytes / elemSize);
  }

  /**
   * Step 1, Go's {@code nextslicecap(newLen, oldCap)}: the capacity before rounding.
   *
   * @param oldCap the old capacity, {@code >= 0}
   * @param newLen the length needed, {@code > oldCap}
   * @return the candidate capacity, {@code >= newLen}
   */
  static int nextCap(int oldCap, int newLen) {
    // Needing more than double at once (append of many): take exactly what is needed.
    if (newLen > 2L * oldCap) {
      return newLen;
    }
    // Small slices double: cheap, and few reallocations while they are small.
    if (oldCap < THRESHOLD) {
      return 2 * oldCap;
    }
    // Large slices: the 3*256 term makes the factor slide smoothly from 2x at 256 towards 1.25x.
    long newCap = oldCap;
    do {
      newCap += (newCap + 3 * THRESHOLD) >> 2;
    } while (newCap < newLen);
    return (int) Math.min(newCap, Integer.MAX_VALUE);
  }

  /**
   * Step 2, Go's {@code roundupsize(size, noscan=true)}: how many bytes the allocator really gives
   * for a request of {@code bytes}.
   *
   * @param bytes the requested size, {@code >= 1}
   * @return the smallest size class that holds it, or above {@link SizeClasses#MAX_SMALL_SIZE} the
   *     request rounded up to a multiple of {@link SizeClasses#PAGE_SIZE}
   */
  static long roundUpSize(long bytes) {
    List<Integer> classes = SizeClasses.bytes();
    // Small objects come from spans of one size class: the request gets the whole slot.
    if (bytes <= SizeClasses.MAX_SMALL_SIZE) {
      for (int size : classes) {
        if (size >= bytes) {
          return size;
        }
      }
    }
    // Large objects get whole pages.
    long pages = (bytes + SizeClasses.PAGE_SIZE - 1) / SizeClasses.PAGE_SIZE;
    return pages * SizeClasses.PAGE_SIZE;
  }
}
