package dev.prep.concurrency.demo;

import dev.prep.support.Machine;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/*
 * A pipeline: generate -> square (fan-out to 3 workers) -> merge (fan-in).
 *
 * The Go blog's "Go Concurrency Patterns: Pipelines and cancellation" (2014) builds exactly this:
 * a stage is a goroutine that receives from an inbound channel, does its work, and sends on an
 * outbound channel; fan-out is several goroutines reading the same channel (each value goes to one
 * of them), fan-in is merging several channels into one. The end of the stream is signalled by
 * close(ch): a `for v := range ch` loop ends when the channel is closed and drained, and merge closes
 * its output once a WaitGroup says every input is done.
 *
 * Java has no channel close, so the end has to travel as a value. Two classic ways, both here:
 *  - a poison pill: the generator puts one STOP per worker into the queue (a worker that takes a pill
 *    stops, so each worker must get its own — one pill would stop only one of three);
 *  - a completion signal: each worker, as it stops, sends Done(worker) downstream, and the merger
 *    stops after it has seen one Done per worker (the job Go's WaitGroup + close(out) does).
 * The values travel as a small sealed type (Value | Done), so the merger cannot mistake a signal for
 * data; that is safer than a magic number such as -1.
 *
 * The queues are ArrayBlockingQueue(16): bounded, like make(chan int, 16), so a fast generator
 * blocks when the workers fall behind (backpressure) instead of filling memory. Every stage runs on
 * a virtual thread, the Java counterpart of `go stage(...)`: blocking on a queue unmounts it.
 *
 * Which worker squares which number depends on scheduling and changes from run to run; the summary
 * (count and sum) does not, and is checked against the closed form n(n+1)(2n+1)/6.
 *
 * Run: prep demo concurrency pipeline
 */
public final class PipelineDemo {

  static final int N = 1_000;
  static final int WORKERS = 3;
  private static final int CAPACITY = 16;

  private static final String GO =
      """
        func gen(n int) <-chan int {              // stage 1
            out := make(chan int, 16)
            go func() { for i := 1; i <= n; i++ { out <- i }; close(out) }()
            return out
        }
        func sq(in <-chan int) <-chan int {       // stage 2, started 3 times: fan-out
            out := make(chan int, 16)
            go func() { for v := range in { out <- v * v }; close(out) }()
            return out
        }
        func merge(cs ...<-chan int) <-chan int { // stage 3: fan-in
            var wg sync.WaitGroup
            out := make(chan int, 16)
            for _, c := range cs {
                wg.Add(1)
                go func(c <-chan int) { defer wg.Done(); for v := range c { out <- v } }(c)
            }
            go func() { wg.Wait(); close(out) }()
            return out
        }
        in := gen(1000)
        for v := range merge(sq(in), sq(in), sq(in)) { sum += v }""";

  /** What flows from the squarers to the merger. */
  sealed interface Message permits Value, Done {}

  record Value(long square, String worker) implements Message {}

  record Done(String worker) implements Message {}

  private static final int STOP = Integer.MIN_VALUE; // the poison pill between generate and square

  record Summary(long count, long sum, Map<String, Integer> perWorker, int doneSignals) {}

  private PipelineDemo() {}

  public static void main(String[] args) throws Exception {
    System.out.println("== A pipeline: generate -> square x3 (fan-out) -> merge (fan-in) ==");
    System.out.println(
        "Watch: three workers share one input queue, a poison pill per worker ends the fan-out,"
            + " one Done per worker ends the fan-in, and the sum is exact.");
    System.out.println("Machine: " + Machine.describe());
    System.out.println("Go (the Go blog's pipeline pattern):");
    System.out.println(GO);
    System.out.println();

    Summary summary = run(N);

    System.out.println("Stages (Java):");
    System.out.printf(
        "  generate  1 virtual thread: 1..%d, then %d x STOP -> ArrayBlockingQueue(%d)%n",
        N, WORKERS, CAPACITY);
    System.out.printf(
        "  square    %d virtual threads: v*v, then Done      -> ArrayBlockingQueue(%d)%n",
        WORKERS, CAPACITY);
    System.out.printf("  merge     1 virtual thread: sums, stops after %d Done signals%n", WORKERS);
    System.out.println();
    System.out.println(
        "Work per worker (varies by run — scheduling decides who takes which number):");
    summary.perWorker().forEach((w, c) -> System.out.printf("  %-10s squared %4d numbers%n", w, c));
    System.out.println();
    long expected = (long) N * (N + 1) * (2L * N + 1) / 6;
    System.out.printf(
        "count = %d, sum of squares = %d, n(n+1)(2n+1)/6 = %d -> %s%n",
        summary.count(), summary.sum(), expected, summary.sum() == expected ? "correct" : "WRONG");
    System.out.printf("Done signals received: %d of %d%n", summary.doneSignals(), WORKERS);
    System.out.println();
    System.out.println(
        "You just saw: a bounded-queue pipeline on virtual threads fan out to 3 squarers and fan back"
            + " in, ended by a poison pill per worker and a Done per worker, where Go uses close(ch).");
  }

  static Summary run(int n) throws Exception {
    BlockingQueue<Integer> numbers = new ArrayBlockingQueue<>(CAPACITY);
    BlockingQueue<Message> squares = new ArrayBlockingQueue<>(CAPACITY);
    try (var stages = Executors.newVirtualThreadPerTaskExecutor()) {
      stages.submit(
          () -> { // generate
            for (int i = 1; i <= n; i++) {
              numbers.put(i); // blocks when the squarers fall behind: backpressure
            }
            for (int w = 0; w < WORKERS; w++) {
              numbers.put(STOP); // one pill per worker
            }
            return null;
          });
      for (int w = 1; w <= WORKERS; w++) {
        String name = "square-" + w;
        stages.submit(
            () -> { // square: all three take from the same queue (fan-out)
              for (int v = numbers.take(); v != STOP; v = numbers.take()) {
                squares.put(new Value((long) v * v, name));
              }
              squares.put(new Done(name)); // completion signal downstream
              return null;
            });
      }
      Future<Summary> merged =
          stages.submit(
              () -> { // merge (fan-in)
                long count = 0;
                long sum = 0;
                Map<String, Integer> perWorker = new TreeMap<>(); // only this thread touches it
                int done = 0;
                while (done < WORKERS) {
                  switch (squares.take()) {
                    case Value(long square, String worker) -> {
                      count++;
                      sum += square;
                      perWorker.merge(worker, 1, Integer::sum);
                    }
                    case Done d -> done++;
                  }
                }
                return new Summary(count, sum, perWorker, done);
              });
      return merged.get();
    } // close() joins every stage, like wg.Wait()
  }
}
