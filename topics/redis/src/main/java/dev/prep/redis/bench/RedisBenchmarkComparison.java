package dev.prep.redis.bench;

import dev.prep.redis.real.RealRedisServer;
import dev.prep.redis.reference.ReferenceRedis;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.support.Machine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code prep bench redis}: {@code redis-benchmark} against the course's reference server (in this
 * JVM) and a real {@code redis-server} (a child process), alternating, and the ratio of their
 * median throughputs per cell. The goal from the course's design is at least 0.8x in every cell.
 *
 * <p>Each round runs {@code redis-benchmark -t set,get -c 50 -n 200000 -q -P <p> --csv} for p = 1
 * and 16 against both servers, the server that goes first alternating from round to round so
 * neither always meets a warmer or a quieter machine. Besides requests per second it records each
 * server's CPU time per request (user + system, from the OS), which varies far less than throughput
 * on a shared machine.
 *
 * <p>Without {@code redis-benchmark} and {@code redis-server} on the PATH it says how to install
 * them and exits 0.
 */
public final class RedisBenchmarkComparison {

  static final List<String> TESTS = List.of("SET", "GET");
  static final List<Integer> PIPELINES = List.of(1, 16);
  static final double GOAL = 0.8;
  private static final String USAGE =
      "usage: prep bench redis -- [--rounds N] [--requests N] [--clients N]";

  private RedisBenchmarkComparison() {}

  /** The command line: rounds, requests per test, concurrent clients. */
  record Options(int rounds, int requests, int clients) {
    static Options parse(String[] args) {
      int rounds = 5;
      int requests = 200_000;
      int clients = 50;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(USAGE);
        }
        int value;
        try {
          value = Integer.parseInt(args[i + 1]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(USAGE + " (not a number: " + args[i + 1] + ")", e);
        }
        if (value < 1) {
          throw new IllegalArgumentException(USAGE + " (must be at least 1: " + args[i] + ")");
        }
        switch (args[i]) {
          case "--rounds" -> rounds = value;
          case "--requests" -> requests = value;
          case "--clients" -> clients = value;
          default -> throw new IllegalArgumentException(USAGE);
        }
      }
      return new Options(rounds, requests, clients);
    }
  }

  /** One measurement: a server, a pipeline depth, requests/s per test, CPU per request. */
  record Sample(String server, int pipeline, Map<String, Double> perSecond, double cpuMicros) {}

  /** A server under test: its name, port and the CPU time it has used so far. */
  record Target(String name, int port, Supplier<Duration> cpu) {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    Optional<Path> benchmark = RealRedisServer.onPath("redis-benchmark", path);
    Optional<Path> server = RealRedisServer.onPath("redis-server", path);
    if (benchmark.isEmpty() || server.isEmpty()) {
      System.out.println(missingTools(benchmark.isEmpty(), server.isEmpty()));
      return;
    }
    compare(options, benchmark.get(), server.get());
  }

  static String missingTools(boolean noBenchmark, boolean noServer) {
    String missing =
        noBenchmark && noServer
            ? "redis-benchmark and redis-server are"
            : noBenchmark ? "redis-benchmark is" : "redis-server is";
    return "prep bench redis compares the reference server with a real Redis, but "
        + missing
        + " not on the PATH.\n"
        + "Install Redis (it brings both): sudo apt-get install redis-server (Debian, Ubuntu),"
        + " brew install redis (macOS),\n"
        + "then run prep bench redis again. The JMH parser benchmark needs neither:"
        + " prep bench redis RespRequestDecoder";
  }

  private static void compare(Options options, Path benchmark, Path serverExecutable)
      throws Exception {
    String version = RealRedisServer.version(serverExecutable);
    System.out.println("== The reference server against redis-server " + version + " ==");
    System.out.printf(
        "Machine: %s; %s; load average %.2f%n",
        Machine.describeWithCpu(), LocalDate.now(), loadAverage());
    System.out.printf(
        "Command: redis-benchmark -t set,get -c %d -n %d -q -P <1|16> --csv, %d round%s,"
            + " servers alternating%n",
        options.clients(), options.requests(), options.rounds(), options.rounds() == 1 ? "" : "s");
    List<Sample> samples = new ArrayList<>();
    try (ReferenceServer reference = ReferenceRedis.start();
        RealRedisServer redis = RealRedisServer.start(serverExecutable)) {
      Target ours =
          new Target(
              "reference",
              reference.port(), // this JVM: the event loop, and the JIT and GC working for it
              () -> ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
      Target theirs = new Target("redis-server", redis.port(), redis::cpu);
      for (Target t : List.of(ours, theirs)) { // JIT warm-up for ours; the same start for both
        for (int pipeline : PIPELINES) {
          run(benchmark, t, options.clients(), Math.max(1, options.requests() / 10), pipeline);
        }
      }
      for (int round = 1; round <= options.rounds(); round++) {
        List<Target> order = round % 2 == 1 ? List.of(ours, theirs) : List.of(theirs, ours);
        for (int pipeline : PIPELINES) {
          for (Target t : order) {
            Sample s = run(benchmark, t, options.clients(), options.requests(), pipeline);
            samples.add(s);
            System.out.printf(
                Locale.ROOT,
                "round %d/%d  -P %-2d  %-12s  SET %,10.0f/s  GET %,10.0f/s  cpu %5.2f us/req%n",
                round,
                options.rounds(),
                pipeline,
                t.name(),
                s.perSecond().get("SET"),
                s.perSecond().get("GET"),
                s.cpuMicros());
          }
        }
      }
    }
    System.out.println();
    System.out.print(table(samples, version));
    System.out.printf("Load average at the end: %.2f%n", loadAverage());
  }

  /** One redis-benchmark run against {@code target}. */
  static Sample run(Path benchmark, Target target, int clients, int requests, int pipeline)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("prep-redis-benchmark", ".csv");
    List<String> command =
        List.of(
            benchmark.toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(target.port()),
            "-t",
            "set,get",
            "-c",
            Integer.toString(clients),
            "-n",
            Integer.toString(requests),
            "-q",
            "-P",
            Integer.toString(pipeline),
            "--csv");
    Duration before = target.cpu().get();
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    long limitSeconds = 120 + requests / 1_000; // generous: 1,000 requests/s would be very slow
    try {
      if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            "redis-benchmark against "
                + target.name()
                + " did not finish in "
                + limitSeconds
                + " s");
      }
      Duration cpu = target.cpu().get().minus(before);
      String csv = Files.readString(out, StandardCharsets.UTF_8);
      Map<String, Double> perSecond = parseCsv(csv);
      if (p.exitValue() != 0 || !perSecond.keySet().containsAll(TESTS)) {
        throw new IOException(
            "redis-benchmark against "
                + target.name()
                + " exited with "
                + p.exitValue()
                + ": "
                + csv.strip());
      }
      double micros = cpu.toNanos() / 1e3 / (requests * (double) TESTS.size());
      return new Sample(target.name(), pipeline, perSecond, micros);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /**
   * Requests/s by test name from {@code redis-benchmark --csv}: a header line {@code
   * "test","rps",...}, then {@code "SET","41220.00",...} per test ({@code "inf"} for a run too
   * short to time). Other lines (warnings) are skipped.
   */
  static Map<String, Double> parseCsv(String csv) {
    Map<String, Double> rps = new LinkedHashMap<>();
    for (String line : csv.lines().toList()) {
      String[] fields = line.split(",");
      if (fields.length < 2 || !fields[0].startsWith("\"") || fields[0].equals("\"test\"")) {
        continue;
      }
      String value = unquote(fields[1]);
      try {
        rps.put( // "inf": the run ended within redis-benchmark's clock resolution
            unquote(fields[0]),
            value.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
      } catch (NumberFormatException e) {
        // not a result line
      }
    }
    return rps;
  }

  private static String unquote(String field) {
    String f = field.strip();
    return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")
        ? f.substring(1, f.length() - 1)
        : f;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The Markdown table of medians and ratios, and whether the goal was met. */
  static String table(List<Sample> samples, String redisVersion) {
    var out = new StringBuilder();
    int rounds =
        (int) samples.stream().filter(s -> s.server().equals("reference")).count()
            / PIPELINES.size();
    out.append(
        String.format(
            "| median of %d | reference | redis-server %s | ratio | per-round ratios |"
                + " CPU us/req: reference | redis-server | ratio |%n",
            rounds, redisVersion));
    out.append("|---|---|---|---|---|---|---|---|\n");
    List<String> missed = new ArrayList<>();
    for (int pipeline : PIPELINES) {
      double oursCpu = median(cpu(samples, "reference", pipeline));
      double theirsCpu = median(cpu(samples, "redis-server", pipeline));
      for (String test : TESTS) {
        List<Double> oursByRound = perSecond(samples, "reference", pipeline, test);
        List<Double> theirsByRound = perSecond(samples, "redis-server", pipeline, test);
        double ours = median(oursByRound);
        double theirs = median(theirsByRound);
        double ratio = ours / theirs;
        List<Double> paired = new ArrayList<>(); // each round's pair ran back to back
        for (int i = 0; i < Math.min(oursByRound.size(), theirsByRound.size()); i++) {
          paired.add(oursByRound.get(i) / theirsByRound.get(i));
        }
        String spread =
            String.format(
                Locale.ROOT,
                "%.2f-%.2f",
                paired.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                paired.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        String cell = test + " -P " + pipeline;
        if (!(ratio >= GOAL)) {
          missed.add(String.format(Locale.ROOT, "%s (%.2fx)", cell, ratio));
        }
        String cpuRatio =
            theirsCpu > 0 ? String.format(Locale.ROOT, "%.2fx", oursCpu / theirsCpu) : "n/a";
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %,.0f | %,.0f | %.2fx | %s | %.2f | %.2f | %s |%n",
                cell,
                ours,
                theirs,
                ratio,
                spread,
                oursCpu,
                theirsCpu,
                cpuRatio));
      }
    }
    out.append(
        "(CPU per request: the server process's user + system time over SET and GET together, per"
            + " pipeline depth; for the reference, the whole JVM, its JIT and GC included.)\n");
    out.append(
        missed.isEmpty()
            ? String.format(Locale.ROOT, "Goal: >= %.1fx in every cell: met.%n", GOAL)
            : String.format(
                Locale.ROOT,
                "Goal: >= %.1fx in every cell: not met in %s.%n",
                GOAL,
                String.join(", ", missed)));
    return out.toString();
  }

  private static List<Double> perSecond(
      List<Sample> samples, String server, int pipeline, String test) {
    return samples.stream()
        .filter(s -> s.server().equals(server) && s.pipeline() == pipeline)
        .map(s -> s.perSecond().get(test))
        .toList();
  }

  private static List<Double> cpu(List<Sample> samples, String server, int pipeline) {
    return samples.stream()
        .filter(s -> s.server().equals(server) && s.pipeline() == pipeline)
        .map(Sample::cpuMicros)
        .toList();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
