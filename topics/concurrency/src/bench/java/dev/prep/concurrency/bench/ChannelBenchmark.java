package dev.prep.concurrency.bench;

import dev.prep.concurrency.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/*
 * The reference Channel (solutions/) against the JDK's queues that play the same part.
 *
 * - buffered*: make(chan Integer, 64) against new ArrayBlockingQueue<>(64): one sender thread and
 *   one receiver thread (…1p), then two senders and one receiver (…2p). Both are one lock, a ring
 *   buffer and conditions, so the goal is a tie: Channel at >= 1.0x ArrayBlockingQueue.
 * - unbuffered*: make(chan Integer) against SynchronousQueue: every send waits for its receiver.
 * - pingPong*: round-trip latency. One thread sends a ping and waits for the pong, the other
 *   echoes; unbuffered Channel against SynchronousQueue.
 *
 * How to read the throughput groups: JMH reports the group's total (sends + receives per
 * microsecond) and each side under it; compare rows of the same shape. Numbers depend on the
 * machine: report them with JDK and cores. On 2 cores the 2-producer groups run 3 threads on 2 CPUs.
 *
 * Blocking benchmarks and JMH: when an iteration ends, one side can be left blocked because its
 * partner stopped. JMH interrupts it after @Timeout and ignores an InterruptedException thrown
 * then, so Channel's CancellationException (its answer to an interrupt) is turned back into one.
 *
 * This source lives in the topic but compiles in solutions/, because Channel is an exercise.
 * Run: prep bench concurrency   (or: prep bench concurrency Channel)
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Timeout(time = 1)
public class ChannelBenchmark {

  private static final int CAPACITY = 64;
  private static final Integer VALUE = 42; // one boxed value: measure the hand-off, not boxing

  private Channel<Integer> buffered;
  private ArrayBlockingQueue<Integer> arrayQueue;
  private Channel<Integer> unbuffered;
  private SynchronousQueue<Integer> synchronousQueue;
  private Channel<Integer> ping;
  private Channel<Integer> pong;
  private SynchronousQueue<Integer> pingQueue;
  private SynchronousQueue<Integer> pongQueue;

  @Setup(Level.Iteration)
  public void freshQueues() {
    buffered = new Channel<>(CAPACITY);
    arrayQueue = new ArrayBlockingQueue<>(CAPACITY);
    unbuffered = new Channel<>(0);
    synchronousQueue = new SynchronousQueue<>();
    ping = new Channel<>(0);
    pong = new Channel<>(0);
    pingQueue = new SynchronousQueue<>();
    pongQueue = new SynchronousQueue<>();
  }

  // --- buffered, 1 sender : 1 receiver ---

  @Benchmark
  @Group("buffered1pChannel")
  @GroupThreads(1)
  public void channelSend() throws InterruptedException {
    send(buffered, VALUE);
  }

  @Benchmark
  @Group("buffered1pChannel")
  @GroupThreads(1)
  public Integer channelReceive() throws InterruptedException {
    return receive(buffered);
  }

  @Benchmark
  @Group("buffered1pArrayBlockingQueue")
  @GroupThreads(1)
  public void queuePut() throws InterruptedException {
    arrayQueue.put(VALUE);
  }

  @Benchmark
  @Group("buffered1pArrayBlockingQueue")
  @GroupThreads(1)
  public Integer queueTake() throws InterruptedException {
    return arrayQueue.take();
  }

  // --- buffered, 2 senders : 1 receiver ---

  @Benchmark
  @Group("buffered2pChannel")
  @GroupThreads(2)
  public void channelSend2() throws InterruptedException {
    send(buffered, VALUE);
  }

  @Benchmark
  @Group("buffered2pChannel")
  @GroupThreads(1)
  public Integer channelReceive2() throws InterruptedException {
    return receive(buffered);
  }

  @Benchmark
  @Group("buffered2pArrayBlockingQueue")
  @GroupThreads(2)
  public void queuePut2() throws InterruptedException {
    arrayQueue.put(VALUE);
  }

  @Benchmark
  @Group("buffered2pArrayBlockingQueue")
  @GroupThreads(1)
  public Integer queueTake2() throws InterruptedException {
    return arrayQueue.take();
  }

  // --- unbuffered, 1 sender : 1 receiver ---

  @Benchmark
  @Group("unbufferedChannel")
  @GroupThreads(1)
  public void unbufferedSend() throws InterruptedException {
    send(unbuffered, VALUE);
  }

  @Benchmark
  @Group("unbufferedChannel")
  @GroupThreads(1)
  public Integer unbufferedReceive() throws InterruptedException {
    return receive(unbuffered);
  }

  @Benchmark
  @Group("unbufferedSynchronousQueue")
  @GroupThreads(1)
  public void synchronousPut() throws InterruptedException {
    synchronousQueue.put(VALUE);
  }

  @Benchmark
  @Group("unbufferedSynchronousQueue")
  @GroupThreads(1)
  public Integer synchronousTake() throws InterruptedException {
    return synchronousQueue.take();
  }

  // --- ping-pong latency: one round trip per call of the pinger ---

  @Benchmark
  @Group("pingPongChannel")
  @GroupThreads(1)
  @BenchmarkMode(Mode.AverageTime)
  public Integer channelPinger() throws InterruptedException {
    send(ping, VALUE);
    return receive(pong);
  }

  @Benchmark
  @Group("pingPongChannel")
  @GroupThreads(1)
  @BenchmarkMode(Mode.AverageTime)
  public void channelEcho() throws InterruptedException {
    send(pong, receive(ping));
  }

  @Benchmark
  @Group("pingPongSynchronousQueue")
  @GroupThreads(1)
  @BenchmarkMode(Mode.AverageTime)
  public Integer queuePinger() throws InterruptedException {
    pingQueue.put(VALUE);
    return pongQueue.take();
  }

  @Benchmark
  @Group("pingPongSynchronousQueue")
  @GroupThreads(1)
  @BenchmarkMode(Mode.AverageTime)
  public void queueEcho() throws InterruptedException {
    pongQueue.put(pingQueue.take());
  }

  private static void send(Channel<Integer> channel, Integer value) throws InterruptedException {
    try {
      channel.send(value);
    } catch (CancellationException e) {
      throw new InterruptedException("interrupted in send at the end of an iteration");
    }
  }

  private static Integer receive(Channel<Integer> channel) throws InterruptedException {
    try {
      return channel.receive();
    } catch (CancellationException e) {
      throw new InterruptedException("interrupted in receive at the end of an iteration");
    }
  }
}
