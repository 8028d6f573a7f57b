package dev.prep.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Go's {@code select} over {@link Channel}s, built case by case and run with {@link #run()}:
 *
 * <pre>{@code
 * int chosen = new Select()
 *     .receive(jobs, r -> handle(r.value()))     // case v, ok := <-jobs:
 *     .send(results, 42, () -> {})               // case results <- 42:
 *     .orDefault(() -> idle())                   // default:
 *     .run();
 * }</pre>
 *
 * <p>Go's rules (the spec, "Select statements"): if one or more cases can proceed, "a single one is
 * chosen via a uniform pseudo-random selection"; otherwise, if there is a default case, it runs;
 * otherwise the select blocks until at least one case can proceed. Go's runtime gets the random
 * choice by shuffling the cases into a random poll order ({@code src/runtime/select.go}, function
 * {@code selectgo}, with {@code cheaprandn}) and taking the first ready case in that order. A
 * receive case on a closed channel is ready (it gets {@code (null, false)}); a send case on a
 * closed channel panics ({@code send on closed channel}).
 *
 * <p>A Select may be run many times; each run picks anew. It is not meant to be shared between
 * threads while running.
 */
public final class Select {

  /** What {@link #run()} returns when the default case ran. */
  public static final int DEFAULT = -1;

  private final List<Case> cases = new ArrayList<>();
  private Runnable defaultAction;

  /** One case of the select: something to try without blocking, on one channel. */
  private sealed interface Case permits ReceiveCase, SendCase {
    Channel<?> channel();

    /** Tries the operation without blocking; if it happened, runs the action and says true. */
    boolean attempt();
  }

  private record ReceiveCase<T>(Channel<T> channel, Consumer<? super Channel.Received<T>> action)
      implements Case {
    @Override
    public boolean attempt() {
      // TODO: tryReceive; if it gave something, run the action with it and say true
      throw new UnsupportedOperationException("TODO: ReceiveCase.attempt");
    }
  }

  private record SendCase<T>(Channel<T> channel, T value, Runnable action) implements Case {
    @Override
    public boolean attempt() {
      // TODO: trySend; if it sent, run the action and say true
      throw new UnsupportedOperationException("TODO: SendCase.attempt");
    }
  }

  /** {@code case v, ok := <-ch:} then {@code action}. Cases are numbered from 0 in the order added. */
  public <T> Select receive(Channel<T> channel, Consumer<? super Channel.Received<T>> action) {
    cases.add(new ReceiveCase<>(channel, action));
    return this;
  }

  /** {@code case ch <- value:} then {@code action}. */
  public <T> Select send(Channel<T> channel, T value, Runnable action) {
    cases.add(new SendCase<>(channel, value, action));
    return this;
  }

  /** {@code default:} run {@code action} instead of blocking when no case is ready. */
  public Select orDefault(Runnable action) {
    defaultAction = action;
    return this;
  }

  /**
   * Runs the select once: one ready case chosen uniformly at random, else the default, else waits
   * until a case is ready.
   *
   * @return the index of the case that ran (in the order added), or {@link #DEFAULT}
   * @throws IllegalStateException if there are no cases and no default ({@code select {}} blocks
   *     forever in Go)
   */
  public int run() {
    // TODO: no cases and no default: IllegalStateException; else attempt in random order, else the default, else wait for a ready case
    throw new UnsupportedOperationException("TODO: run");
  }

  /** Tries every case once in a fresh random order; the index of the one that ran, or DEFAULT. */
  private int attemptInRandomOrder() {
    // TODO: attempt the cases in shuffledIndices() order; return the first that ran, or DEFAULT
    throw new UnsupportedOperationException("TODO: attemptInRandomOrder");
  }

  /** Blocks until some case runs: listen on every channel, retry after each change. */
  private int awaitReadyCase() {
    // TODO: add one listener that releases a Semaphore to every channel; loop: attempt, else acquire; remove the listeners in finally
    throw new UnsupportedOperationException("TODO: awaitReadyCase");
  }

  private int[] shuffledIndices() {
    // TODO: 0..n-1 in a uniformly random order (Fisher-Yates with ThreadLocalRandom)
    throw new UnsupportedOperationException("TODO: shuffledIndices");
  }
}
