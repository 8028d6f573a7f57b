package dev.prep.memory.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Memory demos print a title, what to watch, the evidence and a closing line")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemosTest {

  private static final String NUMBER = "([\\d,]+(?:\\.\\d+)?)";

  @Test
  @DisplayName("escape-analysis: 0 B per call with escape analysis, at least 16 B without it")
  void escapeAnalysis() throws Throwable {
    String out = DemoOutput.of(EscapeAnalysisDemo::main);
    List<Double> neverLeaves = allocationRow(out, "new Point(i, i + 1), summed, never leaves");
    if (!(neverLeaves.get(0) < 8 && neverLeaves.get(1) >= 16)) {
      out = DemoOutput.of(EscapeAnalysisDemo::main); // the JIT is not deterministic: once more
      neverLeaves = allocationRow(out, "new Point(i, i + 1), summed, never leaves");
    }
    assertThat(out.lines().findFirst())
        .hasValue("== Escape analysis: allocations the JIT removes ==");
    assertHeader(out);
    assertThat(out)
        .contains(
            "default", "-DoEscapeAnalysis", "-EliminateAllocations", "-ReduceAllocationMerges")
        .doesNotContain("failed");
    assertThat(neverLeaves).as("never-leaves row: default, -DoEscapeAnalysis, ...").hasSize(4);
    assertThat(neverLeaves.get(0)).as("default: the Point is scalar-replaced").isLessThan(8);
    assertThat(neverLeaves.get(1))
        .as("-DoEscapeAnalysis: it is allocated")
        .isGreaterThanOrEqualTo(16);
    assertThat(allocationRow(out, "a Point also stored in a static field"))
        .as("an escaping Point is allocated whatever the flags")
        .allSatisfy(bytes -> assertThat(bytes).isGreaterThanOrEqualTo(16));
    assertClosingLine(out);
  }

  @Test
  @DisplayName("escape-analysis quotes Go's -gcflags=-m lines that are in the recorded output")
  void escapeAnalysisQuotesRealGoOutput() throws IOException {
    Path recorded = Path.of("go/escape/gcflags-m.txt"); // surefire runs in the module's folder
    assertThat(recorded).exists();
    assertThat(Files.readString(recorded))
        .contains("./escape.go:44:7: &point{...} does not escape")
        .contains("./escape.go:50:2: moved to heap: p");
  }

  @Test
  @DisplayName("store-buffering: (0, 0) never happens with fullFence or volatile (a JMM guarantee)")
  void storeBuffering() throws Throwable {
    String out = DemoOutput.of(StoreBufferingDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Store buffering: x = 1; r1 = y  ‖  y = 1; r2 = x ==");
    assertHeader(out);
    assertThat(out).contains("atomic.Int32", "ACCEPTABLE_INTERESTING", "FORBIDDEN");
    String[] sections = out.split("\\R(?=plain fields|volatile fields)");
    assertThat(sections).hasSize(4); // the header, then one section per variant
    assertThat(sections[1]).startsWith("plain fields: ");
    assertThat(sections[2]).startsWith("plain fields + VarHandle.fullFence(): ");
    assertThat(sections[3]).startsWith("volatile fields: ");
    for (int i = 1; i <= 3; i++) {
      assertThat(trials(sections[i])).as("trials in %s", sections[i]).isPositive();
      assertThat(sections[i])
          .containsPattern("(?m)^  r1, r2\\s+count\\s+expect\\s+description$")
          .containsPattern("(?m)^  0, 1 ")
          .containsPattern("(?m)^  1, 0 ")
          .containsPattern("(?m)^  1, 1 ");
    }
    assertThat(bothZero(sections[1])).as("plain: printed, never asserted").isNotNegative();
    assertThat(bothZero(sections[2])).as("(0, 0) with fullFence").isZero();
    assertThat(bothZero(sections[3])).as("(0, 0) with volatile").isZero();
    assertThat(sections[2]).containsPattern("(?m)^  0, 0\\s+0\\s+FORBIDDEN ");
    assertClosingLine(out);
  }

  @Test
  @DisplayName("visibility: the volatile and the opaque readers stop; the plain one is reported")
  void visibility() throws Throwable {
    String out = DemoOutput.of(VisibilityDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Visibility: a reader that never sees the write ==");
    assertHeader(out);
    assertThat(out).contains("atomic.Bool");
    assertThat(out)
        .containsPattern("(?m)^variant\\s+reader's loop\\s+stopped\\s+after$")
        .containsPattern("(?m)^plain field\\s+while \\(!stop\\) spins\\+\\+;\\s+(yes|no)\\s+")
        .containsPattern("(?m)^plain field, -Xint\\s+.+\\s+(yes|no)\\s+")
        .containsPattern("(?m)^volatile field\\s+.+\\s+yes\\s+[\\d.]+ ms$")
        .containsPattern("(?m)^VarHandle opaque\\s+.+\\s+yes\\s+[\\d.]+ ms$");
    assertClosingLine(out);
  }

  @Test
  @DisplayName("lost-updates: synchronized, AtomicInteger and LongAdder are exact; racy ones lose")
  void lostUpdates() throws Throwable {
    String out = DemoOutput.of(LostUpdatesDemo::main);
    assertThat(out.lines().findFirst()).hasValue("== Lost updates: count++ from 4 threads ==");
    assertHeader(out);
    assertThat(out).contains("go run -race");
    assertThat(out).containsPattern("(?m)^counter\\s+code\\s+expected\\s+actual\\s+lost\\s+time$");
    for (String exact : List.of("synchronized", "AtomicInteger", "LongAdder")) {
      long[] row = counterRow(out, exact);
      assertThat(row[1]).as("%s actual", exact).isEqualTo(4_000_000);
      assertThat(row[2]).as("%s lost", exact).isZero();
    }
    for (String racy : List.of("plain int", "volatile int")) {
      long[] row = counterRow(out, racy);
      assertThat(row[2]).as("%s lost", racy).isNotNegative().isEqualTo(row[0] - row[1]);
    }
    assertClosingLine(out);
  }

  @Test
  @DisplayName("false-sharing: a median per layout and operation, and the slow-down against 128 B")
  void falseSharing() throws Throwable {
    String out = DemoOutput.of(FalseSharingDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== False sharing: two counters, one cache line ==");
    assertHeader(out);
    assertThat(out).contains("_ [56]byte");
    assertThat(out)
        .containsPattern(
            "(?m)^two counters, median CPU ns per\\s+release store\\s+vs 128 B\\s+getAndAdd"
                + "\\s+vs 128 B$");
    for (String layout :
        List.of(
            "8 B apart (adjacent slots)",
            "64 B apart (one line apart)",
            "128 B apart (@Contended's width)")) {
      Matcher m =
          Pattern.compile(
                  "(?m)^"
                      + Pattern.quote(layout)
                      + "\\s+"
                      + NUMBER
                      + "\\s+"
                      + NUMBER
                      + "x\\s+"
                      + NUMBER
                      + "\\s+"
                      + NUMBER
                      + "x$")
              .matcher(out);
      assertThat(m.find()).as("a row for %s in:%n%s", layout, out).isTrue();
      assertThat(parse(m.group(1))).as("CPU ns per release store").isPositive();
      assertThat(parse(m.group(3))).as("CPU ns per getAndAdd").isPositive();
    }
    assertThat(out).containsPattern("(?m)^128 B apart .+\\s1\\.0x\\s+[\\d.]+\\s+1\\.0x$");
    assertClosingLine(out);
  }

  @Test
  @DisplayName("thread-stacks: 1 MiB reserved per platform thread; virtual threads grow with depth")
  void threadStacks() throws Throwable {
    String out = DemoOutput.of(ThreadStackDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Thread stacks: platform vs virtual threads vs goroutines, by depth ==");
    assertHeader(out);
    assertThat(out).doesNotContain("failed", "n/a");
    for (String depth : List.of("10", "100", "1,000")) {
      Matcher m =
          Pattern.compile(
                  "(?m)^platform\\s+"
                      + depth
                      + "\\s+"
                      + NUMBER
                      + " KiB\\s+"
                      + NUMBER
                      + " KiB \\(NMT\\)\\s+"
                      + NUMBER
                      + " KiB$")
              .matcher(out);
      assertThat(m.find()).as("a platform row for depth %s in:%n%s", depth, out).isTrue();
      double reserved = parse(m.group(1));
      double resident = parse(m.group(2));
      assertThat(reserved)
          .as("reserved per thread (ThreadStackSize 1024 KiB)")
          .isBetween(900.0, 1100.0);
      assertThat(resident).as("resident per thread").isPositive().isLessThan(reserved);
    }
    double shallow = virtualHeapKib(out, "10");
    double deep = virtualHeapKib(out, "1,000");
    assertThat(deep)
        .as("heap of a virtual thread parked 1000 frames deep vs 10")
        .isGreaterThan(shallow);
    assertThat(out)
        .containsPattern("(?m)^goroutine\\s+1,000\\s+none\\s+64\\.0 KiB \\(StackInuse\\)");
    assertClosingLine(out);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static List<Double> allocationRow(String out, String label) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(label) + "((?:\\s+[\\d.]+ B)+)$").matcher(out);
    assertThat(m.find()).as("a row for %s in:%n%s", label, out).isTrue();
    List<Double> bytes = new ArrayList<>();
    Matcher cell = Pattern.compile("([\\d.]+) B").matcher(m.group(1));
    while (cell.find()) {
      bytes.add(Double.parseDouble(cell.group(1)));
    }
    return bytes;
  }

  private static long trials(String section) {
    Matcher m = Pattern.compile(": ([\\d,]+) trials in [\\d,]+ ms").matcher(section);
    assertThat(m.find()).as("a trial count in:%n%s", section).isTrue();
    return (long) parse(m.group(1));
  }

  private static long bothZero(String section) {
    Matcher m = Pattern.compile("(?m)^  0, 0\\s+([\\d,]+)\\s").matcher(section);
    assertThat(m.find()).as("a (0, 0) row in:%n%s", section).isTrue();
    return (long) parse(m.group(1));
  }

  /** expected, actual, lost. */
  private static long[] counterRow(String out, String counter) {
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + Pattern.quote(counter)
                    + "\\s+.+?\\s+([\\d,]+)\\s+([\\d,]+)\\s+(-?[\\d,]+)\\s+\\d+ ms$")
            .matcher(out);
    assertThat(m.find()).as("a row for %s in:%n%s", counter, out).isTrue();
    return new long[] {
      (long) parse(m.group(1)), (long) parse(m.group(2)), (long) parse(m.group(3))
    };
  }

  private static double virtualHeapKib(String out, String depth) {
    Matcher m =
        Pattern.compile(
                "(?m)^virtual\\s+"
                    + depth
                    + "\\s+none\\s+on the heap when parked\\s+"
                    + NUMBER
                    + " KiB$")
            .matcher(out);
    assertThat(m.find()).as("a virtual row for depth %s in:%n%s", depth, out).isTrue();
    return parse(m.group(1));
  }

  private static double parse(String number) {
    return Double.parseDouble(number.replace(",", ""));
  }

  private static void assertHeader(String out) {
    List<String> lines = out.lines().toList();
    assertThat(lines.get(1)).startsWith("Watch: ");
    assertThat(lines.get(2)).startsWith("Machine: JDK ").contains(" cores");
  }

  private static void assertClosingLine(String out) {
    assertThat(out.strip().lines().toList().getLast()).startsWith("You just saw:");
  }
}
