package dev.prep.gc.demo;

import dev.prep.support.Machine;
import dev.prep.support.ProbeJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * GC logs: one workload under G1 and under ZGC, read from the JVM's own unified log.
 *
 * Both collectors below mark with the tricolour scheme the simulator shows; they differ in what
 * they do with the world stopped.
 *  - G1 (the default since JDK 9, JEP 248) splits the heap into regions. Young collections copy
 *    the live objects out of the young regions with the world stopped: "Pause Young", and its
 *    length grows with what survives. The old generation is marked concurrently, with a
 *    snapshot-at-the-beginning (SATB) pre-write barrier that records the value being overwritten
 *    (HotSpot g1BarrierSet.inline.hpp, write_ref_field_pre): Yuasa's deletion barrier. A marking
 *    cycle starts in a young pause "(Concurrent Start)" and ends with two short pauses, "Pause
 *    Remark" and "Pause Cleanup"; mixed collections then evacuate old regions too.
 *  - ZGC marks AND relocates concurrently: load barriers and coloured pointers let a thread that
 *    loads a reference to a moved object fix it on the spot. What is left stopped-the-world are
 *    three short pauses per cycle, "Pause Mark Start", "Pause Mark End", "Pause Relocate Start",
 *    which JEP 439 (generational ZGC, JDK 21) says "should not exceed 1 millisecond". Generational
 *    mode is the default since JDK 23 (JEP 474) and the only one since JDK 24 (JEP 490). The price
 *    is CPU: more, cheaper cycles and GC threads running beside the program.
 *  - Shenandoah (-XX:+UseShenandoahGC) is the third low-pause design: concurrent evacuation with a
 *    load-reference barrier; its generational mode is a product feature in JDK 25 (JEP 521).
 * Go's collector (go1.19 runtime/mgc.go) is concurrent mark-sweep: it never moves objects and has
 * no generations, so it has no young pauses to report; its two stopped-the-world phases (sweep
 * termination, mark termination) are "usually under 100 microseconds" (go1.8 release notes).
 * GODEBUG=gctrace=1 is Go's equivalent of -Xlog:gc: one line per cycle.
 *
 * The experiment. GcWorkloadProbe runs in one child JVM per collector, the same java binary,
 * -Xmx128m, with unified logging (JEP 158) of the gc and gc+phases tags written to a file:
 *     -Xlog:gc,gc+phases:file=<tmp>
 * G1 reports its pauses at gc (with gc+phases adding the parts of each); generational ZGC reports
 * its pauses only at gc+phases ("Y: Pause Mark Start ..." for the young generation, "O: ..." for
 * the old). The demo counts GC cycles (distinct GC(n) ids), counts and sums every "Pause ..."
 * line by kind, and prints the first line of up to three kinds as written. Each child is killed
 * if it runs past 20 s.
 *
 * What you should see: G1 with fewer cycles and pauses of milliseconds (tens for the first ones,
 * while it sizes the young generation); ZGC with many more cycles, each with pauses of hundredths
 * of a millisecond. Times depend on the machine and on what else runs; the demo test checks only
 * that both logs have GC events and the table its shape.
 *
 * Run: prep demo gc gc-logs
 */
public final class GcLogDemo {

  /** A collector to try: its name and the option that selects it. */
  record Gc(String name, String option) {}

  static final List<Gc> COLLECTORS =
      List.of(new Gc("G1", "-XX:+UseG1GC"), new Gc("ZGC", "-XX:+UseZGC"));

  static final List<String> HEAP = List.of("-Xmx128m");
  static final Duration DEADLINE = Duration.ofSeconds(20);

  /** {@code GC(12) Pause Young (Normal) ... 3.456ms} or {@code GC(3) Y: Pause Mark End 0.021ms}. */
  static final Pattern PAUSE =
      Pattern.compile(
          "GC\\((\\d+)\\) (?:[YyOo]: )?Pause (\\p{Alpha}+(?: \\p{Alpha}+)*)(?: \\(([^)]*)\\))?.*?"
              + " ([\\d.]+)ms$");

  static final Pattern GC_ID = Pattern.compile("GC\\((\\d+)\\)");

  /** Pauses of one kind: how many, their sum and the longest, in milliseconds. */
  record Kind(String name, int count, double totalMs, double maxMs, String firstLine) {}

  /** What one log says. */
  record Log(int cycles, List<Kind> kinds) {
    int pauses() {
      return kinds.stream().mapToInt(Kind::count).sum();
    }

    double totalMs() {
      return kinds.stream().mapToDouble(Kind::totalMs).sum();
    }

    double maxMs() {
      return kinds.stream().mapToDouble(Kind::maxMs).max().orElse(0);
    }
  }

  /** One child JVM's run: its log, or what went wrong. */
  record Run(Gc gc, Log log, Optional<Long> workloadMs, Duration wall, Optional<String> problem) {}

  private GcLogDemo() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.out.println("== GC logs: one workload under G1 and ZGC ==");
    System.out.println(
        "Watch: G1 stops the world for each young collection, for milliseconds; ZGC runs many"
            + " more cycles, each with three pauses far below a millisecond.");
    System.out.println("Machine: " + Machine.describe());
    System.out.printf(
        "Workload: GcWorkloadProbe in a child JVM per collector, %s, %d MiB kept live, %d rounds"
            + " of %d KiB of garbage; logging -Xlog:gc,gc+phases:file=<tmp>%n",
        String.join(" ", HEAP),
        GcWorkloadProbe.LIVE_MIB,
        GcWorkloadProbe.ROUNDS,
        GcWorkloadProbe.GARBAGE_KIB_PER_ROUND);
    System.out.println();

    List<Run> runs = new ArrayList<>();
    for (Gc gc : COLLECTORS) {
      Run run = run(gc);
      runs.add(run);
      print(run);
    }

    System.out.printf(
        "%-6s %10s %8s %14s %12s %13s %11s%n",
        "", "GC cycles", "pauses", "total pause", "max pause", "workload", "child JVM");
    for (Run r : runs) {
      System.out.printf(
          Locale.ROOT,
          "%-6s %,10d %,8d %11.2f ms %9.3f ms %13s %9.2f s%n",
          r.gc().name(),
          r.log().cycles(),
          r.log().pauses(),
          r.log().totalMs(),
          r.log().maxMs(),
          r.workloadMs().map(ms -> "%,d ms".formatted(ms)).orElse("n/a"),
          r.wall().toMillis() / 1000.0);
    }
    System.out.println();
    System.out.println(conclusion(runs));
  }

  static Run run(Gc gc) throws IOException, InterruptedException {
    Path log = Files.createTempFile("prep-gc-" + gc.name().toLowerCase(Locale.ROOT) + "-", ".log");
    try {
      List<String> options = new ArrayList<>(HEAP);
      options.add(gc.option());
      options.add("-Xlog:gc,gc+phases:file=\"" + log + "\""); // quoted: any path parses
      ProbeJvm.Result result = ProbeJvm.run(GcWorkloadProbe.class, options, List.of(), DEADLINE);
      Log parsed = parse(Files.readAllLines(log));
      Optional<String> problem = Optional.empty();
      Optional<Long> workload = Optional.empty();
      if (result.timedOut()) {
        problem = Optional.of("killed after " + DEADLINE.toSeconds() + " s");
      } else if (result.exitCode() != 0) {
        problem = Optional.of("exited with " + result.exitCode() + ": " + result.lines());
      } else {
        workload = Optional.of(Long.parseLong(result.result("workload-ms")));
      }
      return new Run(gc, parsed, workload, result.wall(), problem);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Counts cycles and pauses by kind in a unified log. */
  static Log parse(List<String> lines) {
    Set<String> ids = new LinkedHashSet<>();
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher id = GC_ID.matcher(line);
      if (id.find()) {
        ids.add(id.group(1));
      }
      Matcher pause = PAUSE.matcher(line);
      if (pause.find()) {
        String name = pause.group(2);
        if (name.equals("Young") && pause.group(3) != null) {
          name += " (" + pause.group(3) + ")"; // G1's kinds: Normal, Concurrent Start, Mixed, ...
        }
        double ms = Double.parseDouble(pause.group(4));
        String kind = name;
        kinds.merge(
            kind,
            new Kind(kind, 1, ms, ms, line),
            (a, b) ->
                new Kind(
                    kind, a.count() + 1, a.totalMs() + ms, Math.max(a.maxMs(), ms), a.firstLine()));
      }
    }
    return new Log(ids.size(), List.copyOf(kinds.values()));
  }

  private static void print(Run r) {
    System.out.printf(
        "%s (%s): %,d GC cycles%s%n",
        r.gc().name(),
        r.gc().option(),
        r.log().cycles(),
        r.problem().map(p -> "; " + p).orElse(""));
    System.out.printf("  %-26s %7s %12s %10s%n", "pause", "count", "total ms", "max ms");
    for (Kind k : r.log().kinds()) {
      System.out.printf(
          Locale.ROOT, "  %-26s %,7d %12.3f %10.3f%n", k.name(), k.count(), k.totalMs(), k.maxMs());
    }
    System.out.printf(
        Locale.ROOT,
        "  %-26s %,7d %12.3f %10.3f%n",
        "all pauses",
        r.log().pauses(),
        r.log().totalMs(),
        r.log().maxMs());
    Set<String> sampled = new LinkedHashSet<>(); // the first line of up to three kinds of pause
    for (Kind k : r.log().kinds()) {
      if (sampled.size() < 3 && sampled.add(k.name().replaceFirst(" \\(.*", ""))) {
        System.out.println("  log: " + k.firstLine());
      }
    }
    System.out.println();
  }

  private static String conclusion(List<Run> runs) {
    var parts = new ArrayList<String>();
    for (Run r : runs) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%s paused %,d times, %.1f ms in all, the longest %.3f ms, over %,d cycles",
              r.gc().name(),
              r.log().pauses(),
              r.log().totalMs(),
              r.log().maxMs(),
              r.log().cycles()));
    }
    return "You just saw: one workload's GC logs: "
        + String.join("; ", parts)
        + " (this machine, this run): G1 copies survivors with the world stopped, ZGC marks and"
        + " relocates concurrently and trades more cycles for pauses far below a millisecond.";
  }
}
