package dev.prep.slices;

/**
 * One observation of Go's {@code append}: a slice with {@code len == cap == oldCap} had to hold
 * {@code newLen} elements of {@code elemSize} bytes (a type without pointers) and came back with
 * capacity {@code newCap}.
 */
public record AppendCase(int oldCap, int newLen, int elemSize, int newCap) {

  public AppendCase {
    if (oldCap < 0 || newLen <= oldCap || elemSize < 1 || newCap < newLen) {
      throw new IllegalArgumentException(
          "not an append that grows: oldCap=%d newLen=%d elemSize=%d newCap=%d"
              .formatted(oldCap, newLen, elemSize, newCap));
    }
  }

  /** Whether this row appended a single element (as opposed to {@code append(s, more...)}). */
  public boolean byOne() {
    return newLen == oldCap + 1;
  }
}
