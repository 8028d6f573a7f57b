package dev.prep.gc;

/**
 * Go 1.8's hybrid write barrier (混合写屏障), from golang/proposal {@code
 * design/17503-eliminate-rescan.md}: {@code shade(*slot); if current stack is grey: shade(ptr);
 * *slot = ptr}.
 *
 * <p><b>Contract.</b> {@link #writePointer} always shades the pointer the slot holds now ({@link
 * WriteBarrier.Gc#read}, then {@link WriteBarrier.Gc#shade}); shades {@code ptr} too, but only
 * while the stack of the goroutine doing the write is grey, that is not scanned yet this cycle
 * ({@link WriteBarrier.Gc#currentStackIsGrey}); and stores {@code ptr} into the slot exactly once
 * ({@link WriteBarrier.Gc#store}). Shading {@code null} does nothing.
 *
 * <p><b>Why it works.</b> Stacks have no barrier and are scanned one at a time while goroutines run
 * ({@link StackScan#INCREMENTAL}). {@code shade(*slot)} stops a goroutine hiding an object by
 * moving its only pointer from the heap onto a stack (Yuasa's half). {@code shade(ptr)} stops a
 * goroutine whose stack is not scanned yet moving its only pointer into a black object (Dijkstra's
 * half). "Once a goroutine's stack is black, the shade(ptr) becomes unnecessary": every pointer on
 * a black stack came from a scan (already shaded) or from the heap, where the deletion half
 * protects it. The result keeps the weak tricolour invariant (弱三色不变性) and needs no stack rescan
 * with the world stopped.
 */
public final class HybridBarrier implements WriteBarrier {

  @Override
  public void writePointer(Gc gc, Slot slot, String ptr) {
    // the old target may live on only in a stack now; a grey stack may hold the only pointer to ptr
    gc.shade(gc.read(slot));
    if (gc.currentStackIsGrey()) {
      gc.shade(ptr);
    }
    gc.store(slot, ptr);
  }
}
