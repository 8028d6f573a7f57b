package dev.prep.redis.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.prep.redis.bench.RedisBenchmarkComparison.Options;
import dev.prep.redis.bench.RedisBenchmarkComparison.Sample;
import dev.prep.redis.real.RealRedisServer;
import dev.prep.support.DemoOutput;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("prep bench redis: redis-benchmark against the reference server and redis-server")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisBenchmarkComparisonTest {

  /** What redis-benchmark 7.0.15 printed with -q --csv, and a warning it may add. */
  private static final String CSV =
      """
      WARNING: Could not fetch server CONFIG
      "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
      "SET","50890.59","0.539","0.152","0.479","0.767","2.031","8.679"
      "GET","52770.45","0.494","0.176","0.479","0.631","0.823","3.007"
      """;

  @Test
  @DisplayName("requests/s per test come from the CSV's result lines; other lines are skipped")
  void parseCsv() {
    assertThat(RedisBenchmarkComparison.parseCsv(CSV))
        .containsExactly(Map.entry("SET", 50890.59), Map.entry("GET", 52770.45));
    assertThat(RedisBenchmarkComparison.parseCsv("")).isEmpty();
    assertThat(RedisBenchmarkComparison.parseCsv("\"GET\",\"inf\",\"0.234\""))
        .as("redis-benchmark's rps for a run shorter than its clock's resolution")
        .containsExactly(Map.entry("GET", Double.POSITIVE_INFINITY));
  }

  @Test
  @DisplayName("the median of an odd count is the middle value, of an even count the mean of two")
  void median() {
    assertThat(RedisBenchmarkComparison.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    assertThat(RedisBenchmarkComparison.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(RedisBenchmarkComparison.median(List.of())).isNaN();
  }

  private static List<Sample> samples(double oursP1, double oursP16) {
    List<Sample> samples = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      samples.add(new Sample("reference", 1, Map.of("SET", oursP1, "GET", oursP1), 9.0));
      samples.add(new Sample("redis-server", 1, Map.of("SET", 40_000.0, "GET", 40_000.0), 9.0));
      samples.add(new Sample("reference", 16, Map.of("SET", oursP16, "GET", oursP16), 1.0));
      samples.add(new Sample("redis-server", 16, Map.of("SET", 500_000.0, "GET", 500_000.0), 2.0));
    }
    return samples;
  }

  @Test
  @DisplayName(
      "the table has a row per cell with the ratio, and says where the 0.8x goal was missed")
  void table() {
    String met = RedisBenchmarkComparison.table(samples(36_000, 600_000), "7.0.15");
    assertThat(met)
        .startsWith("| median of 3 | reference | redis-server 7.0.15 | ratio | per-round ratios |")
        .contains("| SET -P 1 | 36,000 | 40,000 | 0.90x | 0.90-0.90 | 9.00 | 9.00 | 1.00x |")
        .contains("| GET -P 16 | 600,000 | 500,000 | 1.20x | 1.20-1.20 | 1.00 | 2.00 | 0.50x |")
        .endsWith("Goal: >= 0.8x in every cell: met.\n");
    assertThat(RedisBenchmarkComparison.table(samples(30_000, 600_000), "7.0.15"))
        .endsWith("Goal: >= 0.8x in every cell: not met in SET -P 1 (0.75x), GET -P 1 (0.75x).\n");
    Map<String, Double> half = Map.of("SET", 20_000.0, "GET", 20_000.0);
    Map<String, Double> forty = Map.of("SET", 40_000.0, "GET", 40_000.0);
    Map<String, Double> sixty = Map.of("SET", 60_000.0, "GET", 60_000.0);
    List<Sample> noisy =
        List.of(
            new Sample("reference", 1, half, 1.0),
            new Sample("redis-server", 1, forty, 1.0),
            new Sample("reference", 16, forty, 1.0),
            new Sample("redis-server", 16, forty, 1.0),
            new Sample("redis-server", 1, forty, 1.0), // round 2 starts with redis-server
            new Sample("reference", 1, sixty, 1.0),
            new Sample("redis-server", 16, forty, 1.0),
            new Sample("reference", 16, forty, 1.0));
    assertThat(RedisBenchmarkComparison.table(noisy, "7.0.15"))
        .as("rounds are paired in order whichever server went first")
        .contains("| SET -P 1 | 40,000 | 40,000 | 1.00x | 0.50-1.50 | 1.00 | 1.00 | 1.00x |");
    Map<String, Double> one = Map.of("SET", 1.0, "GET", 1.0);
    List<Sample> tooShortToTime =
        List.of(
            new Sample("reference", 1, one, 1.0),
            new Sample("redis-server", 1, one, 0.0),
            new Sample("reference", 16, one, 1.0),
            new Sample("redis-server", 16, one, 0.0));
    assertThat(RedisBenchmarkComparison.table(tooShortToTime, "7.0.15"))
        .as("a run shorter than the OS's CPU clock tick has no CPU ratio")
        .contains("| SET -P 1 | 1 | 1 | 1.00x | 1.00-1.00 | 1.00 | 0.00 | n/a |");
  }

  @Test
  @DisplayName("options: 5 rounds of 200,000 requests from 50 clients unless told otherwise")
  void options() {
    assertThat(Options.parse(new String[0])).isEqualTo(new Options(5, 200_000, 50));
    assertThat(Options.parse(new String[] {"--rounds", "1", "--requests", "1000"}))
        .isEqualTo(new Options(1, 1_000, 50));
    assertThatThrownBy(() -> Options.parse(new String[] {"--rounds"}))
        .hasMessageStartingWith("usage: prep bench redis -- [--rounds N]");
    assertThatThrownBy(() -> Options.parse(new String[] {"--rounds", "many"}))
        .hasMessageEndingWith("(not a number: many)");
    assertThatThrownBy(() -> Options.parse(new String[] {"--rounds", "0"}))
        .hasMessageEndingWith("(must be at least 1: --rounds)");
  }

  @Test
  @DisplayName("tools are found on the PATH; missing ones are named with how to install them")
  void tools(@TempDir Path dir) throws IOException {
    Path tool = Files.createFile(dir.resolve("redis-benchmark"));
    String path = "/nonexistent" + File.pathSeparator + dir;
    assertThat(RealRedisServer.onPath("redis-benchmark", path)).as("not executable yet").isEmpty();
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(RealRedisServer.onPath("redis-benchmark", path)).hasValue(tool);
    assertThat(RealRedisServer.onPath("redis-server", path)).isEmpty();
    assertThat(RedisBenchmarkComparison.missingTools(false, true))
        .startsWith("prep bench redis compares the reference server with a real Redis, but")
        .contains("redis-server is not on the PATH")
        .contains("sudo apt-get install redis-server");
  }

  @Test
  @DisplayName("a short run against both servers prints every round and the table (needs redis)")
  void shortRun() throws Throwable {
    String path = System.getenv().getOrDefault("PATH", "");
    assumeThat(
            RealRedisServer.onPath("redis-benchmark", path).isPresent()
                && RealRedisServer.onPath("redis-server", path).isPresent())
        .as("redis-benchmark and redis-server on the PATH (Debian: apt-get install redis-server)")
        .isTrue();
    String out =
        DemoOutput.of(
            RedisBenchmarkComparison::main,
            "--rounds",
            "1",
            "--requests",
            "5000",
            "--clients",
            "5");
    assertThat(out)
        .startsWith("== The reference server against redis-server ")
        .contains("Command: redis-benchmark -t set,get -c 5 -n 5000 -q -P <1|16> --csv, 1 round,")
        .containsPattern("round 1/1  -P 1 +reference +SET +[\\d,]+/s  GET +[\\d,]+/s")
        .containsPattern("round 1/1  -P 16 +redis-server +SET +[\\d,]+/s")
        .containsPattern("\\| SET -P 1 \\| [\\d,]+ \\| [\\d,]+ \\| [\\d.]+x \\|")
        .containsPattern("\\| GET -P 16 \\| [\\d,]+ \\| [\\d,]+ \\| [\\d.]+x \\|")
        .containsPattern("Goal: >= 0.8x in every cell: (met|not met in .+)\\.");
  }
}
