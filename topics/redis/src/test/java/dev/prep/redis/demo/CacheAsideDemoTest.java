package dev.prep.redis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("cache-aside demo: stampede, jittered expiries, cached misses")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CacheAsideDemoTest {

  /** The most of the keys that share one TTL second: what the jittered run must read back. */
  private static int mostPerSecond(long[] ttls) {
    Map<Long, Integer> perSecond = new HashMap<>();
    for (long ttl : ttls) {
      perSecond.merge(ttl, 1, Integer::sum);
    }
    return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  @Test
  @DisplayName(
      "a rebuild lock turns the stampede into 1 load; jitter spreads expiries; a cached miss loads once")
  void output() throws Throwable {
    String out = DemoOutput.of(CacheAsideDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue(
            "== Cache-aside: a stampede, an avalanche of expiries, and misses for nothing ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");

    Matcher open = Pattern.compile("miss -> load -> SET EX +200 +(\\d+) +1\\n").matcher(out);
    assertThat(open.find()).as("the unprotected row, with 1 distinct value\n%s", out).isTrue();
    assertThat(Integer.parseInt(open.group(1)))
        .as("200 requests that all miss a cold key load it more than once")
        .isGreaterThan(1);
    assertThat(out).contains("miss -> SET NX PX lock -> recheck      200        1               1");

    int jittered = mostPerSecond(CacheAsideDemo.ttls(CacheAsideDemo.JITTER_SECONDS));
    assertThat(jittered).isBetween(2, 50);
    assertThat(out)
        .contains(
            "TTL 600 s:             all 1,000 expire in second 600 (most in one second: 1,000)")
        .contains(
            "TTL 600 s + 0-119 s:   spread over seconds 600-719 (most in one second: "
                + jittered
                + ")");
    assertThat(out)
        .contains("nothing cached for \"not found\"         50")
        .contains("\"not found\" cached for 60 s             1");
    assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith("You saw: ")
        .endsWith(
            " and 1 with the lock; 1,000 keys expiring in one second, or at most "
                + jittered
                + " with jitter; 50 loads for a missing row, or 1 once \"not found\" is cached.");
  }

  @Test
  @DisplayName("TTLs are 600 s, plus 0-119 s of seeded jitter when asked")
  void ttls() {
    assertThat(CacheAsideDemo.ttls(0)).containsOnly(600L);
    long[] jittered = CacheAsideDemo.ttls(CacheAsideDemo.JITTER_SECONDS);
    assertThat(jittered).hasSize(1_000);
    assertThat(Arrays.stream(jittered)).allMatch(t -> t >= 600 && t < 720);
    assertThat(CacheAsideDemo.ttls(CacheAsideDemo.JITTER_SECONDS))
        .as("same seed, same TTLs")
        .isEqualTo(jittered);
  }
}
