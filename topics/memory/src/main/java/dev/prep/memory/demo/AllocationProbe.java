package dev.prep.memory.demo;

import dev.prep.support.ProbeJvm;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The child JVM of {@link EscapeAnalysisDemo}: warms up four small methods until C2 has compiled
 * them, then prints how many heap bytes each call allocates, one {@code result <case> <bytes>} line
 * per case. Its JIT flags come from the command line, so each flag setting is a fresh JVM.
 */
public final class AllocationProbe {

  /** Two longs: 16 bytes of fields behind a 12-byte header, 32 bytes once aligned to 8. */
  record Point(long x, long y) {}

  /** The same two longs without final fields: the constructor needs no barrier at its end. */
  static final class MutablePoint {
    long x;
    long y;

    MutablePoint(long x, long y) {
      this.x = x;
      this.y = y;
    }
  }

  static final String NEVER_LEAVES = "never-leaves";
  static final String NO_FINAL_FIELDS = "no-final-fields";
  static final String EITHER_BRANCH = "either-branch";
  static final String ESCAPES = "escapes";

  private static final int WARM_UP_ROUNDS = 1_000; // 1,000 calls of the loop: C2 compiles it
  private static final int WARM_UP_CALLS = 10_000;
  private static final int MEASURED_CALLS = 5_000_000;

  static volatile Point sink; // a static field: whatever is stored here outlives the call

  private AllocationProbe() {}

  /** The Point is read and dropped: escape analysis proves it never leaves this method. */
  static long sumOfPoint(long i) {
    Point p = new Point(i, i + 1);
    return p.x() + p.y();
  }

  /** As above with a class whose fields are not final. */
  static long sumOfMutablePoint(long i) {
    MutablePoint p = new MutablePoint(i, i + 1);
    return p.x + p.y;
  }

  /** Two allocation sites merge into one variable: scalar replacement must split the merge. */
  static long sumOfEitherPoint(long i) {
    Point p = (i & 1) == 0 ? new Point(i, 1) : new Point(1, i);
    return p.x() + p.y();
  }

  /** Stored where other threads can reach it: the Point must really be on the heap. */
  static long sumOfEscapingPoint(long i) {
    Point p = new Point(i, i + 1);
    sink = p;
    return p.x() + p.y();
  }

  // One loop per case, so each is compiled (and inlines its callee) on its own.
  static long loopNeverLeaves(int calls) {
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += sumOfPoint(i);
    }
    return sum;
  }

  static long loopNoFinalFields(int calls) {
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += sumOfMutablePoint(i);
    }
    return sum;
  }

  static long loopEitherBranch(int calls) {
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += sumOfEitherPoint(i);
    }
    return sum;
  }

  static long loopEscapes(int calls) {
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += sumOfEscapingPoint(i);
    }
    return sum;
  }

  public static void main(String[] args) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long checksum = 0; // printed, so the JIT cannot drop the loops
    for (String name : new String[] {NEVER_LEAVES, NO_FINAL_FIELDS, EITHER_BRANCH, ESCAPES}) {
      for (int round = 0; round < WARM_UP_ROUNDS; round++) {
        checksum += loop(name, WARM_UP_CALLS);
      }
      long before = threads.getCurrentThreadAllocatedBytes(); // this thread's TLAB allocations
      checksum += loop(name, MEASURED_CALLS);
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      System.out.printf(
          Locale.ROOT, "%s%s %.2f%n", ProbeJvm.RESULT, name, allocated / (double) MEASURED_CALLS);
    }
    System.out.println("checksum " + checksum);
  }

  private static long loop(String name, int calls) {
    return switch (name) {
      case NEVER_LEAVES -> loopNeverLeaves(calls);
      case NO_FINAL_FIELDS -> loopNoFinalFields(calls);
      case EITHER_BRANCH -> loopEitherBranch(calls);
      default -> loopEscapes(calls);
    };
  }
}
