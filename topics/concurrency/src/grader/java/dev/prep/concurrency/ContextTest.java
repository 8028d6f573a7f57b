package dev.prep.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code concurrency/context}: Go's {@code context} package (go1.19 {@code
 * src/context/context.go}). Deadlines run on a {@link ManualClock}, so nothing here sleeps: a
 * timeout fires when the test advances the clock past it, and not a nanosecond earlier.
 */
@DisplayName("context: cancel, deadline and value, flowing from parent to children only")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ContextTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2000-01-01T00:00:00Z"));
  private final Context root = Context.background(clock);

  @Test
  @DisplayName("background() is never cancelled, has no deadline and no values")
  void background() {
    assertLive(root, "background");
    assertThat(root.deadline()).as("background's deadline").isEmpty();
    assertThat(root.value("user")).as("background's value for \"user\"").isNull();
    assertLive(Context.background(), "background() on the system clock");
  }

  @Test
  @DisplayName("cancel closes done() and sets err() to CANCELED, \"context canceled\"")
  void cancelEndsTheContext() throws InterruptedException {
    Context.Cancelable c = Context.withCancel(root);
    assertLive(c.context(), "a fresh withCancel child");

    c.cancel().run();

    assertCancelled(c.context(), Context.CANCELED, "after cancel");
    assertThat(c.context().done().await(Duration.ofSeconds(1)))
        .as("done().await(1s) on a cancelled context")
        .isTrue();
    assertThat(Context.CANCELED).hasMessage("context canceled");
  }

  @Test
  @DisplayName(
      "Only the first reason counts: a second cancel, or a later deadline or cancel, changes nothing")
  void cancelIsIdempotent() {
    Context.Cancelable c = Context.withTimeout(root, Duration.ofSeconds(1));
    c.cancel().run();
    c.cancel().run();
    clock.advance(Duration.ofSeconds(2));
    assertCancelled(
        c.context(), Context.CANCELED, "cancelled, cancelled again, then past its deadline");

    Context.Cancelable expired = Context.withTimeout(root, Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    expired.cancel().run(); // Go's `defer cancel()` runs after the deadline has already fired
    assertCancelled(
        expired.context(),
        Context.DEADLINE_EXCEEDED,
        "expired, then cancelled: the first reason must stick");
  }

  @Test
  @DisplayName("Cancelling a parent cancels every descendant, through value contexts too")
  void parentCancelsDescendants() {
    Context.Cancelable a = Context.withCancel(root);
    Context b = Context.withValue(a.context(), "k", "v");
    Context.Cancelable c = Context.withCancel(b);
    Context.Cancelable d = Context.withTimeout(c.context(), Duration.ofHours(1));
    Context.Cancelable sibling = Context.withCancel(a.context());

    a.cancel().run();

    assertCancelled(b, Context.CANCELED, "a value child of the cancelled context");
    assertCancelled(c.context(), Context.CANCELED, "a grandchild (withCancel under withValue)");
    assertCancelled(d.context(), Context.CANCELED, "a great-grandchild with a deadline");
    assertCancelled(sibling.context(), Context.CANCELED, "a second child");
  }

  @Test
  @DisplayName("Cancelling a child never cancels its parent or its siblings")
  void childNeverCancelsUpwards() {
    Context.Cancelable parent = Context.withCancel(root);
    Context.Cancelable first = Context.withCancel(parent.context());
    Context.Cancelable second = Context.withCancel(parent.context());
    Context.Cancelable timed = Context.withTimeout(parent.context(), Duration.ofSeconds(1));

    first.cancel().run();
    clock.advance(Duration.ofSeconds(1));

    assertCancelled(first.context(), Context.CANCELED, "the cancelled child");
    assertCancelled(timed.context(), Context.DEADLINE_EXCEEDED, "the child whose deadline passed");
    assertLive(parent.context(), "the parent of a cancelled and an expired child");
    assertLive(second.context(), "a sibling of the cancelled child");
    assertLive(root, "the root");
  }

  @Test
  @DisplayName("A child of an already-cancelled parent is born cancelled, with the parent's reason")
  void bornCancelled() {
    Context.Cancelable parent = Context.withCancel(root);
    parent.cancel().run();

    assertCancelled(Context.withCancel(parent.context()).context(), Context.CANCELED, "withCancel");
    assertCancelled(
        Context.withTimeout(parent.context(), Duration.ofHours(1)).context(),
        Context.CANCELED,
        "withTimeout of an hour");
    assertCancelled(Context.withValue(parent.context(), "k", "v"), Context.CANCELED, "withValue");
  }

  @Test
  @DisplayName(
      "withTimeout(2s) fires exactly when the clock reaches the deadline: DEADLINE_EXCEEDED")
  void timeoutFiresOnTime() {
    Context.Cancelable c = Context.withTimeout(root, Duration.ofSeconds(2));

    clock.advance(Duration.ofMillis(1999));
    assertLive(c.context(), "1.999 s into a 2 s timeout");

    clock.advance(Duration.ofMillis(1));
    assertCancelled(c.context(), Context.DEADLINE_EXCEEDED, "at 2 s of a 2 s timeout");
    assertThat(Context.DEADLINE_EXCEEDED).hasMessage("context deadline exceeded");
  }

  @Test
  @DisplayName("withDeadline and withTimeout use the clock given to background(clock), inherited")
  void clockIsInherited() {
    Context value = Context.withValue(root, "k", "v");
    Context.Cancelable inner = Context.withCancel(value);
    Context.Cancelable timed =
        Context.withDeadline(inner.context(), clock.now().plus(Duration.ofMinutes(1)));

    assertThat(timed.context().deadline())
        .as("deadline() of withDeadline(now + 1 min) on the manual clock")
        .contains(Instant.parse("2000-01-01T00:01:00Z"));
    clock.advance(Duration.ofMinutes(1));
    assertCancelled(timed.context(), Context.DEADLINE_EXCEEDED, "one manual minute later");
  }

  @Test
  @DisplayName("Descendants of an expired context end with DEADLINE_EXCEEDED too")
  void expiryFlowsDown() {
    Context.Cancelable parent = Context.withTimeout(root, Duration.ofSeconds(1));
    Context.Cancelable child = Context.withCancel(parent.context());
    Context value = Context.withValue(child.context(), "k", "v");

    clock.advance(Duration.ofSeconds(1));

    assertCancelled(child.context(), Context.DEADLINE_EXCEEDED, "a withCancel child");
    assertCancelled(value, Context.DEADLINE_EXCEEDED, "a withValue grandchild");
  }

  @Test
  @DisplayName("deadline() is the earlier of the parent's and the child's own")
  void deadlineIsTheEarlier() {
    Instant start = clock.now();
    Context.Cancelable parent = Context.withTimeout(root, Duration.ofSeconds(5));
    Context.Cancelable later = Context.withTimeout(parent.context(), Duration.ofSeconds(10));
    Context.Cancelable sooner = Context.withTimeout(parent.context(), Duration.ofSeconds(2));

    assertThat(parent.context().deadline()).as("parent").contains(start.plusSeconds(5));
    assertThat(later.context().deadline())
        .as("a child asking for 10 s under a parent with 5 s is capped")
        .contains(start.plusSeconds(5));
    assertThat(sooner.context().deadline())
        .as("a child asking for 2 s")
        .contains(start.plusSeconds(2));
    assertThat(Context.withCancel(parent.context()).context().deadline())
        .as("a withCancel child inherits the deadline")
        .contains(start.plusSeconds(5));
    assertThat(Context.withValue(parent.context(), "k", "v").deadline())
        .as("a withValue child inherits the deadline")
        .contains(start.plusSeconds(5));

    clock.advance(Duration.ofSeconds(5));
    assertCancelled(later.context(), Context.DEADLINE_EXCEEDED, "the capped child at 5 s");
  }

  @Test
  @DisplayName("A deadline already in the past cancels the context at birth")
  void pastDeadline() {
    Context.Cancelable c = Context.withDeadline(root, clock.now().minusSeconds(1));
    assertCancelled(
        c.context(), Context.DEADLINE_EXCEEDED, "withDeadline(now - 1 s), before any advance");
    Context.Cancelable zero = Context.withTimeout(root, Duration.ZERO);
    assertCancelled(zero.context(), Context.DEADLINE_EXCEEDED, "withTimeout(0)");
  }

  @Test
  @DisplayName("cancel stops the deadline's timer, so it does not linger until the deadline")
  void cancelStopsTheTimer() {
    Context.Cancelable c = Context.withTimeout(root, Duration.ofHours(1));
    assertThat(clock.pendingTimers()).as("timers after withTimeout(1 h)").isEqualTo(1);

    c.cancel().run();

    assertThat(clock.pendingTimers())
        .as("timers after cancel: stop the DeadlineClock.Timer that afterFunc returned")
        .isZero();
  }

  @Test
  @DisplayName("value(key) walks up the chain; the nearest withValue wins; parents never see it")
  void valuesLookUpTheChain() {
    Context user = Context.withValue(root, "user", "ada");
    Context.Cancelable request = Context.withCancel(user);
    Context trace = Context.withValue(request.context(), "trace", "t-42");
    Context shadow = Context.withValue(trace, "user", "grace");

    assertThat(lookups(trace, "user", "trace", "missing"))
        .as("values seen from the trace context")
        .isEqualTo(Map.of("user", "ada", "trace", "t-42", "missing", "<null>"));
    assertThat(shadow.value("user"))
        .as("a nearer withValue shadows an ancestor's")
        .isEqualTo("grace");
    assertThat(trace.value("user"))
        .as("shadowing below never changes the ancestor")
        .isEqualTo("ada");
    assertThat(user.value("trace")).as("a parent never sees a child's value").isNull();
    assertThat(Context.withValue(root, new Key("user"), 1).value(new Key("user")))
        .as("keys are compared with equals")
        .isEqualTo(1);
  }

  @Test
  @DisplayName("A thread blocked in done().await() wakes when the context is cancelled")
  void doneWakesAWaiter() throws InterruptedException {
    Context.Cancelable c = Context.withCancel(root);
    AtomicReference<Object> seen = new AtomicReference<>();
    Thread waiter =
        Thread.ofPlatform()
            .daemon(true)
            .start(
                () -> {
                  try {
                    c.context().done().await();
                    seen.set(c.context().err());
                  } catch (InterruptedException e) {
                    seen.set(e);
                  }
                });
    try {
      c.cancel().run();
      waiter.join(3000);
      assertThat(waiter.isAlive()).as("the waiter, 3 s after cancel").isFalse();
      assertThat(seen.get()).as("err() seen right after done() closed").isSameAs(Context.CANCELED);
    } finally {
      waiter.interrupt();
    }
  }

  @Test
  @DisplayName(
      "Children created while the parent is cancelled from another thread all end up cancelled")
  void attachRacesWithCancel() throws InterruptedException {
    for (int round = 0; round < 20; round++) {
      Context.Cancelable parent = Context.withCancel(root);
      ConcurrentLinkedQueue<Context> children = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> makers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        makers.add(
            Thread.ofPlatform()
                .daemon(true)
                .start(
                    () -> {
                      try {
                        go.await();
                        for (int i = 0; i < 100; i++) {
                          children.add(Context.withCancel(parent.context()).context());
                        }
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
      }
      go.countDown();
      parent.cancel().run();
      for (Thread maker : makers) {
        maker.join(3000);
      }
      long live = children.stream().filter(c -> c.err() == null || !c.done().isClosed()).count();
      assertThat(live)
          .as(
              "round %d: children still live after their parent was cancelled (of %d); attaching a"
                  + " child and cancelling the parent must not interleave",
              round, children.size())
          .isZero();
    }
  }

  @Test
  @DisplayName("Context itself has no cancel method: only whoever derived it may cancel it")
  void noCancelOnContext() {
    assertThat(Arrays.stream(Context.class.getMethods()).map(Method::getName))
        .as("public methods of Context (the callee must not cancel its caller's work)")
        .doesNotContain("cancel");
  }

  private record Key(String name) {}

  private static Map<String, String> lookups(Context context, String... keys) {
    var result = new java.util.HashMap<String, String>();
    for (String key : keys) {
      Object value = context.value(key);
      result.put(key, value == null ? "<null>" : value.toString());
    }
    return result;
  }

  private static void assertLive(Context context, String what) {
    assertThat(context.err()).as("err() of %s", what).isNull();
    assertThat(context.done().isClosed()).as("done().isClosed() of %s", what).isFalse();
  }

  private static void assertCancelled(Context context, RuntimeException reason, String what) {
    assertThat(context.err())
        .as("err() of %s: expected %s", what, reason == null ? null : reason.getMessage())
        .isSameAs(reason);
    assertThat(context.done().isClosed()).as("done().isClosed() of %s", what).isTrue();
  }
}
