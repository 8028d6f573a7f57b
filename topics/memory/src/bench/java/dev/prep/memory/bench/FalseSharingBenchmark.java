package dev.prep.memory.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * False sharing under JMH: two threads, each incrementing its own counter.
 *
 * Each group runs two threads at once (@Group, one thread per method). Both counters are slots of
 * one long[] shared by the group (Scope.Group), so the distance between them is exact:
 *   adjacent   slots 16 and 17: 8 bytes apart, almost always in one 64-byte cache line
 *   padded     slots 16 and 32: 128 bytes apart, what @Contended pads to (ContendedPaddingWidth)
 * Every increment reads the slot and writes it back with a release store, so each write really
 * reaches the cache (a plain field could be kept in a register by the JIT, and nothing would be
 * shared at all).
 *
 * How to read it: time per increment of each thread (the group line is their average). With both
 * threads on their own cores, adjacent is several times slower than padded: every write takes the
 * line away from the other core. On a 2-core machine that is doing other work the threads are not
 * always running at the same time and the gap shrinks. Report numbers with the JDK and the cores.
 * The demo (prep demo memory false-sharing) adds a 64-bytes-apart layout.
 *
 * Run: prep bench memory FalseSharing
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FalseSharingBenchmark {

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int FIRST = 16; // 128 bytes into the array: away from its header

  private final long[] counters = new long[64]; // one array per group

  @Benchmark
  @Group("adjacent")
  @GroupThreads(1)
  public void adjacentFirst() {
    increment(FIRST);
  }

  @Benchmark
  @Group("adjacent")
  @GroupThreads(1)
  public void adjacentSecond() {
    increment(FIRST + 1); // 8 bytes further: the same cache line
  }

  @Benchmark
  @Group("padded")
  @GroupThreads(1)
  public void paddedFirst() {
    increment(FIRST);
  }

  @Benchmark
  @Group("padded")
  @GroupThreads(1)
  public void paddedSecond() {
    increment(FIRST + 16); // 128 bytes further: two cache lines away
  }

  private void increment(int slot) {
    long next = (long) LONGS.get(counters, slot) + 1; // only this thread writes this slot
    LONGS.setRelease(counters, slot, next); // a real store every time
  }
}
