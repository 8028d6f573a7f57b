package dev.prep.concurrency;

/**
 * What a Go {@code panic} becomes in these exercises: an unchecked exception whose message is Go's
 * own panic text, word for word ({@code send on closed channel}, {@code close of closed channel},
 * {@code sync: negative WaitGroup counter}), so a learner can match it against the Go runtime.
 */
public class GoPanic extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GoPanic(String message) {
    super(message);
  }
}
