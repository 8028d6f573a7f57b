package dev.prep.gc;

/** When a collector scans goroutine stacks, which have no write barrier. */
public enum StackScan {
  /** All stacks at the start of the cycle, with the world stopped, and never again. */
  AT_START,
  /**
   * All stacks at the start, then all of them again with the world stopped at mark termination,
   * since pointer writes into stacks were not tracked (Go 1.5 to 1.7 with Dijkstra's barrier).
   */
  AT_START_AND_RESCAN,
  /** One stack at a time, as marking steps, while the other goroutines run (Go 1.8+). */
  INCREMENTAL
}
