package dev.prep.gc;

/**
 * Dijkstra's insertion write barrier (插入写屏障), as in Go 1.5 to 1.7: {@code shade(ptr); *slot = ptr}.
 *
 * <p><b>Contract.</b> {@link #writePointer} stores {@code ptr} into {@code slot} exactly once,
 * through {@link WriteBarrier.Gc#store}, and shades the pointer being written ({@link
 * WriteBarrier.Gc#shade}; shading {@code null} does nothing). It does not shade the value the slot
 * held before: that is Yuasa's deletion barrier, and it would keep garbage alive for no gain.
 *
 * <p><b>Why it works.</b> An object is lost only if a black object gains a pointer to a white one
 * and every path to that object from a grey one is then cut. Shading every pointer written into the
 * heap means a black object never points to a white one: the strong tricolour invariant (强三色不变性).
 * Stacks have no barrier, so a collector using this one must scan the stacks again, with the world
 * stopped, at mark termination ({@link StackScan#AT_START_AND_RESCAN}).
 */
public final class DijkstraBarrier implements WriteBarrier {

  @Override
  public void writePointer(Gc gc, Slot slot, String ptr) {
    // TODO: shade the pointer being written, then store it into the slot
    throw new UnsupportedOperationException("TODO: writePointer");
  }
}
