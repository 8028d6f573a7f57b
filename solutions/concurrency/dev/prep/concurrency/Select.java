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
      // tryReceive is empty when a receive would block; closed channels answer (null, false).
      Optional<Channel.Received<T>> got = channel.tryReceive();
      got.ifPresent(action);
      return got.isPresent();
    }
  }

  private record SendCase<T>(Channel<T> channel, T value, Runnable action) implements Case {
    @Override
    public boolean attempt() {
      // trySend panics on a closed channel, as a send case does in Go.
      boolean sent = channel.trySend(value);
      if (sent) {
        action.run();
      }
      return sent;
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
    if (cases.isEmpty() && defaultAction == null) {
      throw new IllegalStateException("select with no cases would block forever: add a case");
    }
    int chosen = attemptInRandomOrder();
    if (chosen != DEFAULT) {
      return chosen;
    }
    if (defaultAction != null) {
      // Nothing was ready and there is a default: Go never blocks then.
      defaultAction.run();
      return DEFAULT;
    }
    return awaitReadyCase();
  }

  /** Tries every case once in a fresh random order; the index of the one that ran, or DEFAULT. */
  private int attemptInRandomOrder() {
    int[] order = shuffledIndices();
    for (int i : order) {
      // First ready case in a shuffled order: each ready case equally likely, as in selectgo.
      if (cases.get(i).attempt()) {
        return i;
      }
    }
    return DEFAULT;
  }

  /** Blocks until some case runs: listen on every channel, retry after each change. */
  private int awaitReadyCase() {
    Semaphore changed = new Semaphore(0);
    Runnable listener = changed::release;
    for (Case c : cases) {
      c.channel().addListener(listener);
    }
    try {
      while (true) {
        // Listening before this attempt: a change after it leaves a permit, so none is lost.
        int chosen = attemptInRandomOrder();
        if (chosen != DEFAULT) {
          return chosen;
        }
        changed.acquire();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while blocked in select");
    } finally {
      for (Case c : cases) {
        c.channel().removeListener(listener);
      }
    }
  }

  private int[] shuffledIndices() {
    int[] order = new int[cases.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1); // Fisher-Yates: every permutation equally likely
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
