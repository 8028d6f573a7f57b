package dev.prep.concurrency.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small teaching model of Go's {@code context.Context} tree for the context-tree demo (the
 * exercise's {@code Context} lives in exercises/ and is not visible here). Cancelling a node
 * cancels its whole subtree, depth first, and records each step in the tree's log; it never touches
 * the parent. The first cause wins, as in Go's {@code cancelCtx.cancel}.
 *
 * <p>One difference on purpose: Go keeps children in a map ({@code map[canceler]struct{}}, go1.19
 * context.go), so siblings are cancelled in no particular order; here they are cancelled in the
 * order they were created, so the demo prints the same log every run.
 */
final class ContextNode {

  static final String CANCELED = "context canceled"; // Go's context.Canceled
  static final String DEADLINE_EXCEEDED = "context deadline exceeded"; // context.DeadlineExceeded

  private final String name;
  private final String kind;
  private final ContextNode parent;
  private final List<ContextNode> children = new ArrayList<>(); // live children, guarded by root()
  private final List<ContextNode> shape = new ArrayList<>(); // every child ever made, for render()
  private final List<String> log; // shared by the whole tree, guarded by root()
  private final CountDownLatch done = new CountDownLatch(1); // Go's Done() channel, closed once
  private String err; // guarded by root()

  private ContextNode(String name, String kind, ContextNode parent, List<String> log) {
    this.name = name;
    this.kind = kind;
    this.parent = parent;
    this.log = log;
  }

  /** {@code context.Background()}: never cancelled, the root of every tree. */
  static ContextNode background() {
    return new ContextNode("background", "Background", null, new ArrayList<>());
  }

  /** {@code context.WithCancel(parent)}. */
  ContextNode withCancel(String childName) {
    return child(childName, "WithCancel");
  }

  /** {@code context.WithTimeout(parent, d)}: cancelled with DeadlineExceeded when d elapses. */
  ContextNode withTimeout(String childName, Duration timeout) {
    ContextNode child = child(childName, "WithTimeout " + timeout.toMillis() + " ms");
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> child.cancel(DEADLINE_EXCEEDED, "its deadline"));
    return child;
  }

  private ContextNode child(String childName, String childKind) {
    synchronized (root()) {
      ContextNode child = new ContextNode(childName, childKind, this, log);
      shape.add(child);
      if (err != null) {
        child.cancelLocked(err, "parent " + name + " was already done");
      } else {
        children.add(child);
      }
      return child;
    }
  }

  /** The CancelFunc: cancels this node and everything below it, with {@code context canceled}. */
  void cancel() {
    cancel(CANCELED, "cancel() called on it");
  }

  private void cancel(String cause, String origin) {
    synchronized (root()) {
      cancelLocked(cause, origin);
      if (parent != null) {
        parent.children.remove(this); // done nodes leave the tree, as in Go's removeChild
      }
    }
  }

  private void cancelLocked(String cause, String origin) {
    if (err != null) {
      return; // already done: the first cause wins
    }
    err = cause;
    log.add("%-8s %-26s from %s".formatted(name, cause, origin));
    done.countDown();
    for (ContextNode child : children) {
      child.cancelLocked(cause, "parent " + name);
    }
    children.clear();
  }

  /** Blocks until this context is done, like {@code <-ctx.Done()}. */
  void awaitDone() throws InterruptedException {
    done.await();
  }

  /** {@code ctx.Err()}: null while running. */
  String err() {
    synchronized (root()) {
      return err;
    }
  }

  String name() {
    return name;
  }

  /** The cancellation log so far, in the order it happened. */
  List<String> log() {
    synchronized (root()) {
      return List.copyOf(log);
    }
  }

  /** The tree below this node, one line per context, with its Err(). */
  List<String> render() {
    synchronized (root()) {
      List<String> lines = new ArrayList<>();
      render("", "", lines);
      return lines;
    }
  }

  private void render(String lead, String branch, List<String> lines) {
    String label = lead + branch + name + " (" + kind + ")";
    lines.add("%-44s %s".formatted(label, err == null ? "running" : err));
    String childLead = lead + (branch.isEmpty() ? "" : branch.startsWith("└") ? "    " : "│   ");
    for (int i = 0; i < shape.size(); i++) {
      shape.get(i).render(childLead, i == shape.size() - 1 ? "└── " : "├── ", lines);
    }
  }

  private ContextNode root() {
    ContextNode node = this;
    while (node.parent != null) {
      node = node.parent;
    }
    return node;
  }
}
