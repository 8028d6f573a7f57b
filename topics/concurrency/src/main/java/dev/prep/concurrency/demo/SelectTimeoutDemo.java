package dev.prep.concurrency.demo;

import dev.prep.support.Machine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/*
 * select with a timeout: the first ready source wins, or the clock does.
 *
 * Go's select blocks until one of its cases can proceed and runs that one; if several are ready it
 * picks one uniformly at random (go1.19 runtime/select.go shuffles a "pollorder" before looking),
 * so no channel can starve the others. time.After(d) is just another channel, one that receives a
 * value after d, which turns select into "the first of these, or give up". A nil channel is never
 * ready, which is how Go code switches a case off. (Before Go 1.23 an unfired time.After timer was
 * not collected until it fired; since 1.23 unreferenced timers are garbage-collected at once.)
 *
 * Java has no select. Two honest translations:
 *
 *  1. CompletableFuture.anyOf(a, b).orTimeout(d): completes with the first of a and b to complete,
 *     or exceptionally with TimeoutException after d (orTimeout cancels its timer when the result
 *     arrives). It fits one-shot results — an RPC, a cache lookup — not streams. Note what it does
 *     not do: when several futures are already complete, anyOf returns the first one *in argument
 *     order* (it scans the array), every time. Nothing random, nothing fair.
 *
 *  2. Polling several BlockingQueues against a deadline: visit the queues in a freshly shuffled
 *     order, take from the first that has a value (poll() consumes exactly one element, like a
 *     receive), otherwise park briefly and try again until the deadline. That is Go's algorithm
 *     minus the wake-up list: Go enqueues the goroutine on every channel and sleeps until one fires,
 *     the loop below pays a short park per round instead. The shuffle uses a seeded Random so the
 *     demo prints the same counts every run; Go's is really random.
 *
 * Each scenario below is built so its outcome does not depend on timing: the losing source is
 * "never ready" (an uncompleted future, an empty queue — Go's nil channel), not merely "slower".
 *
 * What to watch for: the timeout row; the fairness rows, where anyOf picks `a` 1000 times out of
 * 1000 while the shuffled poll splits about half and half, as Go's select does.
 *
 * Run: prep demo concurrency select-timeout
 */
public final class SelectTimeoutDemo {

  static final int TRIALS = 1_000;
  private static final Duration TIMEOUT = Duration.ofMillis(100);
  private static final Duration GENEROUS = Duration.ofSeconds(2);

  private static final String GO =
      """
        select {
        case v := <-a:                              // ready after 20 ms
            fmt.Println("a:", v)
        case v := <-b:                              // b == nil: never ready
            fmt.Println("b:", v)
        case <-time.After(100 * time.Millisecond):  // the clock is a channel too
            fmt.Println("timeout")
        }""";

  private SelectTimeoutDemo() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println(
        "== select with a timeout: the first ready source wins, or the clock does ==");
    System.out.println(
        "Watch: who wins each select; with both sources ready, anyOf always picks the first argument"
            + " while a shuffled poll (like Go) splits the wins.");
    System.out.println("Machine: " + Machine.describe());
    System.out.println("Go:");
    System.out.println(GO);
    System.out.println();

    System.out.println("1. CompletableFuture.anyOf(a, b).orTimeout(d)");
    CompletableFuture<String> a =
        CompletableFuture.supplyAsync(
            () -> "hello", CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
    System.out.printf(
        "   %-46s -> %s%n",
        "a ready after 20 ms, b never, timeout 2 s", anyOf(GENEROUS, a, never()));
    System.out.printf(
        "   %-46s -> %s%n", "a never, b never, timeout 100 ms", anyOf(TIMEOUT, never(), never()));
    int[] anyOfWins = new int[2];
    for (int i = 0; i < TRIALS; i++) {
      String winner =
          anyOf(
              GENEROUS,
              CompletableFuture.completedFuture("a"),
              CompletableFuture.completedFuture("b"));
      anyOfWins[winner.equals("a") ? 0 : 1]++;
    }
    System.out.printf(
        "   %-46s -> a won %d, b won %d%n",
        "a and b both ready, " + TRIALS + " trials", anyOfWins[0], anyOfWins[1]);
    System.out.println();

    System.out.println("2. Poll BlockingQueues in shuffled order until a deadline");
    Random random = new Random();
    LinkedBlockingQueue<String> qa = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<String> qb = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .start(
            () -> {
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
              qa.add("hello");
            });
    System.out.printf(
        "   %-46s -> %s%n",
        "qa gets a value after 20 ms, qb empty, 2 s", poll(List.of(qa, qb), GENEROUS, random));
    System.out.printf(
        "   %-46s -> %s%n",
        "qa and qb empty, timeout 100 ms", poll(List.of(qa, qb), TIMEOUT, random));
    for (int i = 0; i < TRIALS; i++) {
      qa.add("a");
      qb.add("b");
    }
    int[] pollWins = new int[2];
    Random seeded = new Random(42); // the same split every run
    for (int i = 0; i < TRIALS; i++) {
      pollWins[poll(List.of(qa, qb), GENEROUS, seeded).startsWith("qa") ? 0 : 1]++;
    }
    System.out.printf(
        "   %-46s -> qa won %d, qb won %d (Random seed 42)%n",
        "both always ready, " + TRIALS + " trials", pollWins[0], pollWins[1]);
    System.out.println();
    System.out.printf(
        "You just saw: both translations return the first ready source or time out, but only the"
            + " shuffled poll is fair like Go's select (%d/%d), anyOf always favours its first argument"
            + " (%d/%d).%n",
        pollWins[0], pollWins[1], anyOfWins[0], anyOfWins[1]);
  }

  /** Like a select over one-shot results: the first to complete, or "timeout". */
  static String anyOf(Duration timeout, CompletableFuture<String> a, CompletableFuture<String> b) {
    try {
      return (String)
          CompletableFuture.anyOf(a, b) // Object: anyOf forgets the type
              .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof TimeoutException) {
        return "timeout";
      }
      throw e;
    }
  }

  /** Like select over channels: take one value from a ready queue, chosen in random order. */
  static String poll(List<LinkedBlockingQueue<String>> queues, Duration timeout, Random random)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < queues.size(); i++) {
      order.add(i);
    }
    while (true) {
      Collections.shuffle(order, random); // Go's pollorder
      for (int i : order) {
        String v = queues.get(i).poll(); // consumes at most one value, never blocks
        if (v != null) {
          return "q" + (char) ('a' + i) + ": " + v;
        }
      }
      if (System.nanoTime() >= deadline) {
        return "timeout";
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // Go would sleep until a send
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  private static CompletableFuture<String> never() {
    return new CompletableFuture<>(); // nobody completes it: Go's nil channel
  }
}
