package dev.prep.concurrency.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/*
 * Cancelling a context tree: who stopped, and when.
 *
 * In Go every request carries a context.Context. Contexts form a tree: WithCancel, WithTimeout and
 * WithDeadline derive a child from a parent, and "when a Context is canceled, all Contexts derived
 * from it are also canceled" (go1.19 context/context.go). Cancellation flows down only: cancelling a
 * child never touches its parent or its siblings. A goroutine learns about it by selecting on
 * ctx.Done(), a channel that is closed once, and asks ctx.Err() why: context.Canceled ("context
 * canceled") when someone called the CancelFunc, context.DeadlineExceeded ("context deadline
 * exceeded") when the clock ran out. The first cause wins; a later cancel is a no-op. Go 1.20 added
 * WithCancelCause for custom causes. "Failing to call the CancelFunc leaks the child" until the
 * parent is cancelled: that is why `defer cancel()` follows every WithCancel.
 *
 * The tree below is an HTTP handler's: the request has a deadline; it fans out to a database branch
 * (two queries) and a cache branch (one get), each with its own CancelFunc. One worker (a virtual
 * thread) waits on each leaf context, and one on the request itself.
 *   step 1: the db branch is cancelled (say, the first query failed): only db and its queries stop;
 *           request, cache and get keep running.
 *   step 2: the request's deadline fires: request, cache and get stop with DeadlineExceeded; the db
 *           branch was already done and keeps its first cause.
 *
 * The contexts are a small teaching model, ContextNode, not the exercise's Context (that one is the
 * learner's to write). Its one liberty: siblings are cancelled in creation order, where Go's map of
 * children gives no order, so the cancellation log below is the same every run. Workers print in tree
 * order because the order in which parked threads wake up is not defined.
 *
 * Java's counterparts: Thread.interrupt() is the JDK's cancellation signal (blocking calls throw
 * InterruptedException); ExecutorService.shutdownNow() interrupts a whole pool; StructuredTaskScope
 * (JEP 505, still a preview in JDK 25) cancels sibling subtasks when one fails or the scope times
 * out, the closest thing to a context tree; ScopedValue (JEP 506, final in 25) carries request values
 * down the call tree like context.WithValue.
 *
 * Run: prep demo concurrency context-tree
 */
public final class ContextTreeDemo {

  static final Duration REQUEST_TIMEOUT = Duration.ofMillis(800);

  private static final String GO =
      """
        ctx, cancel := context.WithTimeout(context.Background(), 800*time.Millisecond)
        defer cancel()
        dbCtx, cancelDB := context.WithCancel(ctx)
        cacheCtx, cancelCache := context.WithCancel(ctx)
        defer cancelCache()
        go worker(dbCtx)      // query-1, query-2 under dbCtx
        go worker(cacheCtx)   // get under cacheCtx
        cancelDB()            // step 1: only the db branch stops
        <-ctx.Done()          // step 2: the deadline stops the rest
        fmt.Println(ctx.Err()) // context deadline exceeded""";

  private ContextTreeDemo() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("== Cancelling a context tree: who stopped, and when ==");
    System.out.println(
        "Watch: cancelling db stops only its subtree; the request's deadline then stops the rest,"
            + " and each context keeps the first cause it saw.");
    System.out.println("Go:");
    System.out.println(GO);
    System.out.println();

    ContextNode background = ContextNode.background();
    ContextNode request = background.withTimeout("request", REQUEST_TIMEOUT);
    ContextNode db = request.withCancel("db");
    ContextNode query1 = db.withCancel("query-1");
    ContextNode query2 = db.withCancel("query-2");
    ContextNode cache = request.withCancel("cache");
    ContextNode get = cache.withCancel("get");

    Map<String, String> stoppedBy = new ConcurrentHashMap<>();
    List<ContextNode> watched = List.of(request, query1, query2, get); // tree order
    List<Thread> workers = new ArrayList<>();
    for (ContextNode ctx : watched) {
      workers.add(
          Thread.ofVirtual()
              .name("worker@" + ctx.name())
              .start(
                  () -> {
                    try {
                      ctx.awaitDone(); // <-ctx.Done()
                      stoppedBy.put(ctx.name(), ctx.err());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }

    System.out.println("The tree, all running:");
    background.render().forEach(line -> System.out.println("  " + line));
    System.out.println();

    System.out.println("Step 1: cancelDB()");
    db.cancel();
    workers.get(1).join(); // the two db workers
    workers.get(2).join();
    printStopped("  workers stopped:", watched, stoppedBy);
    System.out.println(
        "  request still running: "
            + (request.err() == null)
            + ", get still running: "
            + (get.err() == null));
    int afterStep1 = request.log().size();
    System.out.println();

    System.out.println(
        "Step 2: the request's " + REQUEST_TIMEOUT.toMillis() + " ms deadline fires");
    request.awaitDone();
    for (Thread worker : workers) {
      worker.join();
    }
    printStopped("  workers stopped:", watched, stoppedBy);
    System.out.println();

    System.out.println("Cancellation log, in order (context, Err(), cause):");
    List<String> log = request.log();
    for (int i = 0; i < log.size(); i++) {
      System.out.printf("  %d. step %d  %s%n", i + 1, i < afterStep1 ? 1 : 2, log.get(i));
    }
    System.out.println();
    System.out.println("The tree, all done:");
    background.render().forEach(line -> System.out.println("  " + line));
    System.out.println();
    System.out.println(
        "You just saw: cancellation flows from a context to its whole subtree and never upwards;"
            + " db stopped with 'context canceled', the rest with 'context deadline exceeded'.");
  }

  private static void printStopped(
      String heading, List<ContextNode> watched, Map<String, String> stoppedBy) {
    System.out.println(heading);
    for (ContextNode ctx : watched) {
      String err = stoppedBy.get(ctx.name());
      System.out.printf(
          "    worker@%-8s %s%n", ctx.name(), err == null ? "still running" : "stopped: " + err);
    }
  }
}
