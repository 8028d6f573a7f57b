package dev.prep.gc;

/**
 * Yuasa's deletion write barrier (删除写屏障): {@code shade(*slot); *slot = ptr}. G1's SATB pre-write
 * barrier is this barrier.
 *
 * <p><b>Contract.</b> {@link #writePointer} reads the pointer the slot holds now ({@link
 * WriteBarrier.Gc#read}), shades it ({@link WriteBarrier.Gc#shade}; shading {@code null} does
 * nothing), and then stores {@code ptr} into the slot exactly once ({@link WriteBarrier.Gc#store}).
 * It does not shade {@code ptr}. The read comes first: after the store, the slot holds the new
 * pointer and the old one is gone.
 *
 * <p><b>Why it works.</b> An object is lost only if a black object gains a pointer to a white one
 * and every path to that object from a grey one is then cut. This barrier stops the cut: a pointer
 * deleted or overwritten in the heap greys its target. It keeps the weak tricolour invariant
 * (弱三色不变性) and marks a snapshot of the heap as it was when marking began (snapshot at the
 * beginning): everything reachable then survives this cycle. It cannot see pointers a stack hands
 * over, so every stack must be scanned before marking goes on ({@link StackScan#AT_START}).
 */
public final class YuasaBarrier implements WriteBarrier {

  @Override
  public void writePointer(Gc gc, Slot slot, String ptr) {
    // the old target may now be reachable only from where it was copied: keep it, before it's gone
    gc.shade(gc.read(slot));
    gc.store(slot, ptr);
  }
}
