package dev.prep.gc;

/**
 * A write barrier (写屏障): the code the compiler puts around every pointer store into the heap or a
 * global while the collector is marking. Stack writes never go through it, as in Go.
 */
@FunctionalInterface
public interface WriteBarrier {

  /** Performs {@code *slot = ptr} (ptr null for nil), shading whatever it must. */
  void writePointer(Gc gc, Slot slot, String ptr);

  /** What a barrier may ask of the collector and the heap. */
  interface Gc {
    /** The pointer now in a slot (null for nil). */
    String read(Slot slot);

    /** The raw store, with no barrier. */
    void store(Slot slot, String ptr);

    /** Greys a white object and queues it for scanning; grey, black and null are left alone. */
    void shade(String object);

    /** Whether the stack of the goroutine doing this write has not been scanned yet this cycle. */
    boolean currentStackIsGrey();
  }
}
