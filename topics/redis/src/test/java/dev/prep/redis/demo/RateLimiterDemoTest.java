package dev.prep.redis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.demo.RateLimiterDemo.Outcome;
import dev.prep.support.DemoOutput;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("rate-limiter demo: a fixed window and a sliding log in Redis")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimiterDemoTest {

  @Test
  @DisplayName("both hold a concurrent burst to 10; only the fixed window passes 20 at a boundary")
  void output() throws Throwable {
    String out = DemoOutput.of(RateLimiterDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Rate limiting in Redis: a fixed window (INCR) and a sliding log (ZSET) ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");
    assertThat(out)
        .contains(
            """
            burst: 50 clients at once                  50 |      10             10 |      10             10
            boundary: 59.0-60.9 s, 1 per 100 ms        20 |      20             20 |      10             10
            steady: 12 a minute for 3 min              36 |      30             10 |      30             10
            """)
        .contains("boundary: the fixed window allowed 10 before 60 s and 10 after, 20 within 2 s;")
        .contains("memory: the sliding log kept 10 members (at most 10) per client");
    assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(
            "You saw: both limiters hold a concurrent burst to exactly 10; at a minute boundary"
                + " the fixed window let 20 through in 2 s (2x its limit), the sliding log 10.");
  }

  @Test
  @DisplayName("the most requests in any 60 s window counts a half-open window (t - 60 s, t]")
  void mostInAnyWindow() {
    assertThat(new Outcome(0, List.of()).mostInAnyWindow()).isZero();
    assertThat(new Outcome(3, List.of(0L, 60_000L, 120_000L)).mostInAnyWindow()).isEqualTo(1);
    assertThat(new Outcome(3, List.of(0L, 59_999L, 60_000L)).mostInAnyWindow()).isEqualTo(2);
    assertThat(new Outcome(4, List.of(70_000L, 1_000L, 30_000L, 59_000L)).mostInAnyWindow())
        .as("unsorted input")
        .isEqualTo(3);
  }

  @Test
  @DisplayName("the boundary traffic has 10 requests on each side of the minute")
  void boundaryTraffic() {
    List<Long> times = RateLimiterDemo.boundary().times();
    assertThat(times).hasSize(20);
    assertThat(times.stream().filter(t -> t < RateLimiterDemo.WINDOW_MILLIS)).hasSize(10);
    assertThat(times.getLast() - times.getFirst()).isLessThan(2_000);
  }
}
