package dev.prep.slices.bench;

import dev.prep.slices.GoSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Appending n elements, one at a time, three ways.
 *
 * - goSliceAppend: the reference GoSlice (solutions/), which grows by Go's rule (2x, then towards
 *   1.25x, rounded up to size classes) and returns a new header on every append;
 * - arrayListAdd: java.util.ArrayList, 1.5x growth, one mutable object;
 * - rawArrayPresized: an Object[] of exactly n slots, the lower bound: no growth at all;
 * - goSlicePresized: GoSlice.make(0, n), the Go idiom when n is known.
 *
 * What to look for: the cost of growth (presized vs growing) is the copying, amortised O(1) per
 * element for all strategies; GoSlice also pays one small header allocation per append, which escape
 * analysis may or may not remove. Numbers depend on the machine: report them with JDK and cores.
 *
 * This source lives in the topic but compiles in solutions/, because GoSlice is an exercise.
 * Run: prep bench slices   (or java -cp solutions/target/classes:<topic class path> org.openjdk.jmh.Main AppendBenchmark)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class AppendBenchmark {

  @Param({"1000", "100000"})
  int n;

  private Integer[] values;

  @Setup
  public void boxValues() {
    values = new Integer[n];
    for (int i = 0; i < n; i++) {
      values[i] = i; // boxed once, outside the measurement
    }
  }

  @Benchmark
  public GoSlice<Integer> goSliceAppend() {
    GoSlice<Integer> s = GoSlice.make(0, 0);
    for (Integer v : values) {
      s = s.append(v);
    }
    return s;
  }

  @Benchmark
  public GoSlice<Integer> goSlicePresized() {
    GoSlice<Integer> s = GoSlice.make(0, n);
    for (Integer v : values) {
      s = s.append(v);
    }
    return s;
  }

  @Benchmark
  public List<Integer> arrayListAdd() {
    List<Integer> list = new ArrayList<>();
    for (Integer v : values) {
      list.add(v);
    }
    return list;
  }

  @Benchmark
  public Object[] rawArrayPresized() {
    Object[] array = new Object[n];
    for (int i = 0; i < n; i++) {
      array[i] = values[i];
    }
    return array;
  }
}
