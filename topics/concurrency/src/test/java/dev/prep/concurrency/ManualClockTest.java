package dev.prep.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("ManualClock fires timers only when advanced, in deadline order")
@Timeout(5)
class ManualClockTest {

  private final Instant start = Instant.parse("2000-01-01T00:00:00Z");
  private final ManualClock clock = new ManualClock(start);

  @Test
  @DisplayName("Time stands still until advance moves it")
  void advanceMovesTime() {
    assertThat(clock.now()).isEqualTo(start);
    clock.advance(Duration.ofMillis(1500));
    assertThat(clock.now()).isEqualTo(start.plusMillis(1500));
  }

  @Test
  @DisplayName("advance runs the timers that came due, earliest first, and leaves the others")
  void firesDueTimersInOrder() {
    List<String> fired = new ArrayList<>();
    clock.afterFunc(start.plusSeconds(3), () -> fired.add("3s"));
    clock.afterFunc(start.plusSeconds(1), () -> fired.add("1s"));
    clock.afterFunc(start.plusSeconds(2), () -> fired.add("2s"));

    clock.advance(Duration.ofSeconds(2));

    assertThat(fired).containsExactly("1s", "2s");
    assertThat(clock.pendingDeadlines()).containsExactly(start.plusSeconds(3));
  }

  @Test
  @DisplayName("A stopped timer never runs, and stop says whether it stopped anything")
  void stopPreventsTheAction() {
    List<String> fired = new ArrayList<>();
    DeadlineClock.Timer timer = clock.afterFunc(start.plusSeconds(1), () -> fired.add("late"));

    assertThat(timer.stop()).isTrue();
    assertThat(timer.stop()).isFalse();
    clock.advance(Duration.ofSeconds(5));

    assertThat(fired).isEmpty();
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  @DisplayName("An overdue timer runs on the next advance, even advance(ZERO)")
  void overdueTimerRunsOnNextTick() {
    List<String> fired = new ArrayList<>();
    clock.afterFunc(start.minusSeconds(1), () -> fired.add("overdue"));
    assertThat(fired).isEmpty();

    clock.advance(Duration.ZERO);

    assertThat(fired).containsExactly("overdue");
  }

  @Test
  @DisplayName("An action may set a new timer; it runs in the same advance if already due")
  void actionsMaySetTimers() {
    List<String> fired = new ArrayList<>();
    clock.afterFunc(
        start.plusSeconds(1),
        () -> {
          fired.add("first");
          clock.afterFunc(start.plusSeconds(1), () -> fired.add("chained"));
        });

    clock.advance(Duration.ofSeconds(1));

    assertThat(fired).containsExactly("first", "chained");
  }

  @Test
  @DisplayName("Time never runs backwards")
  void rejectsNegativeSteps() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("back in time");
  }

  @Test
  @DisplayName("The system clock runs a timer on its own thread when the deadline passes")
  void systemClockFires() throws InterruptedException {
    var fired = new java.util.concurrent.CountDownLatch(1);
    DeadlineClock system = DeadlineClock.system();
    system.afterFunc(system.now().plusMillis(10), fired::countDown);
    assertThat(fired.await(2, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }
}
