package dev.prep.network.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.network.demo.RateLimitersDemo.Outcome;
import dev.prep.network.demo.RateLimitersDemo.Traffic;
import dev.prep.support.DemoOutput;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("rate-limiters demo: five limiters on the same traffic")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RateLimitersDemoTest {

  private static final long MS = 1_000_000L;

  private static Outcome outcome(Traffic traffic, String limiter) {
    return RateLimitersDemo.run(traffic).stream()
        .filter(o -> o.limiter().equals(limiter))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName("prints a title, what to watch, three tables, a timeline and a closing line")
  void output() throws Throwable {
    String out = DemoOutput.of(RateLimitersDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Five rate limiters, one traffic, a virtual clock ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");
    assertThat(out).contains("(seed 7)").doesNotContain("\u001b[");
    assertThat(out.lines().filter(l -> l.startsWith("limiter "))).hasSize(3);
    assertThat(out)
        .contains("1000-1099 ms      10       10        0        0        1        1")
        .contains("fixed window: 20 passed between 0.90 s and 1.10 s, 2 x its limit of 10")
        .contains("token bucket: 10 accepted back to back before its first refusal (capacity 10)");
    // the sliding log's "max in any 1s" column is 10 in all three tables
    Matcher log = Pattern.compile("(?m)^sliding log +\\d+ +\\d+ +(\\d+) +\\d+$").matcher(out);
    int tables = 0;
    while (log.find()) {
      assertThat(Integer.parseInt(log.group(1))).isEqualTo(10);
      tables++;
    }
    assertThat(tables).isEqualTo(3);
    assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("You saw: ");
    assertThat(DemoOutput.of(RateLimitersDemo::main)).as("same seed, same output").isEqualTo(out);
  }

  @Test
  @DisplayName("the fixed window passes 2 x its limit in the 200 ms around a boundary")
  void fixedWindowBoundaryBurst() {
    Outcome fixed = outcome(RateLimitersDemo.boundary(), "fixed window");
    assertThat(fixed.passedBetween(900 * MS, 1100 * MS)).isEqualTo(2L * RateLimitersDemo.LIMIT);
    assertThat(fixed.maxInAnySecond()).isEqualTo(20);
    assertThat(outcome(RateLimitersDemo.boundary(), "sliding counter").maxInAnySecond())
        .as("the sliding counter refuses the boundary burst")
        .isEqualTo(10);
  }

  @Test
  @DisplayName("the sliding log never passes more than its limit in any 1 s span")
  void slidingLogExact() {
    for (Traffic traffic :
        List.of(RateLimitersDemo.steady(), RateLimitersDemo.boundary(), RateLimitersDemo.burst())) {
      Outcome log = outcome(traffic, "sliding log");
      assertThat(log.maxInAnySecond()).as(traffic.name()).isEqualTo(RateLimitersDemo.LIMIT);
      assertThat(log.maxStored()).as(traffic.name()).isEqualTo(RateLimitersDemo.LIMIT);
    }
    assertThat(outcome(RateLimitersDemo.steady(), "fixed window").maxInAnySecond())
        .as("the fixed window on the same steady traffic")
        .isGreaterThan(RateLimitersDemo.LIMIT);
  }

  @Test
  @DisplayName("the token bucket's burst is its capacity; the leaky bucket's output is even")
  void bucketsBurstAndSmooth() {
    Outcome token = outcome(RateLimitersDemo.burst(), "token bucket");
    assertThat(token.run()).isEqualTo(RateLimitersDemo.LIMIT);
    assertThat(token.passedBetween(0, 50 * MS)).isEqualTo(10);
    Outcome leaky = outcome(RateLimitersDemo.burst(), "leaky bucket");
    List<Long> out = leaky.passedAt();
    for (int i = 1; i < out.size(); i++) {
      assertThat(out.get(i) - out.get(i - 1)).as("gap before output #%d", i).isEqualTo(100 * MS);
    }
    assertThat(leaky.maxInAnySecond()).isEqualTo(10);
  }

  @Test
  @DisplayName("maxInAnySpan counts the most times in any half-open span")
  void maxInAnySpan() {
    assertThat(RateLimitersDemo.maxInAnySpan(List.of(), 10)).isZero();
    assertThat(RateLimitersDemo.maxInAnySpan(List.of(0L, 5L, 10L, 14L, 30L), 10)).isEqualTo(3);
    assertThat(RateLimitersDemo.maxInAnySpan(List.of(0L, 10L, 20L), 10)).isEqualTo(1);
  }
}
