package dev.prep.gc;

/**
 * The write barriers a tricolour collector can use, each with the stack scanning it needs. The
 * pseudo-code is Go's, from the hybrid barrier's design document (golang/proposal {@code
 * design/17503-eliminate-rescan.md}) and {@code src/runtime/mbarrier.go}.
 */
public enum Barrier implements WriteBarrier {
  /** No barrier: the mutator writes, the marker never hears of it. Objects get lost. */
  NONE(StackScan.AT_START) {
    @Override
    public void writePointer(Gc gc, Slot slot, String ptr) {
      gc.store(slot, ptr);
    }
  },

  /** Dijkstra's insertion barrier (插入写屏障): {@code shade(ptr); *slot = ptr}. */
  DIJKSTRA(StackScan.AT_START_AND_RESCAN) {
    @Override
    public void writePointer(Gc gc, Slot slot, String ptr) {
      gc.shade(ptr); // no black object ever points to a white one: the strong invariant
      gc.store(slot, ptr);
    }
  },

  /** Yuasa's deletion barrier (删除写屏障): {@code shade(*slot); *slot = ptr}. */
  YUASA(StackScan.AT_START) {
    @Override
    public void writePointer(Gc gc, Slot slot, String ptr) {
      gc.shade(gc.read(slot)); // whatever was reachable at the start stays reachable: the snapshot
      gc.store(slot, ptr);
    }
  },

  /**
   * Go 1.8's hybrid barrier (混合写屏障): {@code shade(*slot); if current stack is grey: shade(ptr);
   * *slot = ptr}.
   */
  HYBRID(StackScan.INCREMENTAL) {
    @Override
    public void writePointer(Gc gc, Slot slot, String ptr) {
      gc.shade(gc.read(slot)); // hides nothing by moving its only pointer from the heap to a stack
      if (gc.currentStackIsGrey()) {
        gc.shade(ptr); // a grey stack may hand over a pointer the collector has not seen yet
      }
      gc.store(slot, ptr);
    }
  };

  private final StackScan stackScan;

  Barrier(StackScan stackScan) {
    this.stackScan = stackScan;
  }

  /** The stack scanning this barrier is correct with. */
  public StackScan stackScan() {
    return stackScan;
  }
}
