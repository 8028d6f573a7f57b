package dev.prep.memory.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Escape analysis under JMH: the cost of an allocation C2 can remove, and of one it cannot.
 *
 * Three benchmarks build the same record Point(long x, long y) from a changing counter:
 *   nonEscaping                   sums x + y and drops the Point: C2 scalar-replaces it
 *   nonEscapingWithoutEA          the same code in a fork started with -XX:-DoEscapeAnalysis
 *   escaping                      returns the Point to JMH, which consumes it: it must exist
 *
 * How to read it: run with the GC profiler and look at gc.alloc.rate.norm, the bytes allocated per
 * operation. It is about 0 B/op for nonEscaping and 32 B/op for the other two (12-byte header,
 * two 8-byte fields, aligned to 8), whatever the machine; the time per operation shows what an
 * allocation costs on yours. The demo (prep demo memory escape-analysis) shows the same with more
 * flags switched off in turn.
 *
 * The source lives in the topic and compiles in solutions/, where JMH's annotation processor runs.
 * Run: prep bench memory EscapeAnalysis -- -prof gc
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EscapeAnalysisBenchmark {

  /** Two longs: 16 bytes of fields, 32 bytes as a heap object with compressed class pointers. */
  public record Point(long x, long y) {}

  private long next; // a changing input, so nothing folds to a constant

  @Benchmark
  public long nonEscaping() {
    long i = next++;
    Point p = new Point(i, i + 1); // never leaves this method: its fields live in registers
    return p.x() + p.y();
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-XX:-DoEscapeAnalysis")
  public long nonEscapingWithoutEA() {
    long i = next++;
    Point p = new Point(i, i + 1); // the same code; with the analysis off it is allocated
    return p.x() + p.y();
  }

  @Benchmark
  public Point escaping() {
    long i = next++;
    return new Point(i, i + 1); // returned to JMH's blackhole: it escapes
  }
}
