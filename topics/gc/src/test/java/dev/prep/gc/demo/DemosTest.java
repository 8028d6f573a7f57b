package dev.prep.gc.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.prep.gc.Barrier;
import dev.prep.gc.Collector;
import dev.prep.gc.Heap;
import dev.prep.gc.Invariant;
import dev.prep.gc.Schedule;
import dev.prep.support.DemoOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

@DisplayName("GC demos print a title, what to watch, the evidence and a closing line")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DemosTest {

  private static final String SVG_NS = "http://www.w3.org/2000/svg";

  @Test
  @DisplayName("marking: one frame per step, nothing grey at the end, E swept, invariant kept")
  void marking() throws Throwable {
    String out = DemoOutput.of(MarkingDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Tricolour marking, step by step, with Go's hybrid write barrier ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");
    List<String> frames = frames(out);
    assertThat(frames).hasSize(MarkingDemo.STEPS.size() + 1);
    assertThat(frames.getFirst()).startsWith("[01] start");
    assertThat(frames.get(frames.size() - 2)).startsWith("[15] terminate");
    assertThat(objectLines(frames.get(frames.size() - 2)))
        .as("after termination every object is black or white")
        .noneMatch(line -> line.contains("◐"))
        .anyMatch(line -> line.startsWith("E ○"));
    String last = frames.getLast();
    assertThat(last).startsWith("[16] sweep: freed E ");
    assertThat(objectLines(last))
        .noneMatch(line -> line.contains("◐"))
        .noneMatch(line -> line.startsWith("E "));
    assertThat(out)
        .contains("C ○→◐", "D ○→◐", "N new ●")
        .doesNotContain("weak invariant broken", "\u001b[")
        .contains("Weak invariant checked after each of the 16 frames: it held every time.")
        .contains("Freed: E. Kept although unreachable now (floating garbage): D.");
    assertClosingLine(out);
  }

  @Test
  @DisplayName("marking --svg --dot: one well-formed SVG (a circle per object) and DOT per frame")
  void markingWritesPictures(@TempDir Path dir) throws Throwable {
    Path svg = dir.resolve("svg");
    Path dot = dir.resolve("dot");
    String out = DemoOutput.of(MarkingDemo::main, "--svg", svg.toString(), "--dot", dot.toString());
    List<Schedule.Frame> frames = expectedFrames();
    assertThat(out)
        .contains("Wrote " + frames.size() + " SVG files to " + svg.toAbsolutePath())
        .contains("Wrote " + frames.size() + " DOT files to " + dot.toAbsolutePath());
    List<Path> svgFiles = sorted(svg);
    List<Path> dotFiles = sorted(dot);
    assertThat(svgFiles).hasSize(frames.size());
    assertThat(dotFiles).hasSize(frames.size());
    assertThat(svgFiles.getFirst().getFileName()).hasToString("frame-01-start.svg");
    assertThat(svgFiles.get(4).getFileName()).hasToString("frame-05-g1-b-0-nil.svg");
    assertThat(svgFiles.getLast().getFileName()).hasToString("frame-16-sweep.svg");
    for (int i = 0; i < frames.size(); i++) {
      Heap heap = frames.get(i).heap();
      Document doc = parseXml(svgFiles.get(i));
      assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
      assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(SVG_NS);
      assertThat(doc.getElementsByTagNameNS(SVG_NS, "circle").getLength())
          .as("circles in %s", svgFiles.get(i).getFileName())
          .isEqualTo(heap.objects().size());
      String dotText = Files.readString(dotFiles.get(i));
      assertThat(dotText).contains("digraph heap {").endsWith("}\n");
      assertThat(dotText.chars().filter(c -> c == '{').count())
          .isEqualTo(dotText.chars().filter(c -> c == '}').count());
      for (String o : heap.objects()) {
        assertThat(dotText).contains("\"" + o + "\" [shape=circle");
      }
    }
    String greyFrame = Files.readString(svgFiles.get(5)); // after g2: A.1 = c, C is grey
    assertThat(greyFrame).contains("<title>C: grey</title>", "<title>A: black</title>");
  }

  @Test
  @DisplayName("marking: a one-line usage error for anything but --svg DIR and --dot DIR")
  void markingUsage() {
    for (String[] bad :
        List.of(new String[] {"--png", "x"}, new String[] {"--svg"}, new String[] {"--svg", " "})) {
      assertThatThrownBy(() -> MarkingDemo.Options.parse(bad))
          .as(Arrays.toString(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("usage: ")
          .hasMessageNotContaining("\n");
    }
    var options = MarkingDemo.Options.parse(new String[] {"--svg", "/tmp/f"});
    assertThat(options.svgDir()).hasValue(Path.of("/tmp/f"));
    assertThat(options.dotDir()).isEmpty();
  }

  @Test
  @DisplayName("lost-object: NONE loses C, each barrier keeps it; the matrix matches the simulator")
  void lostObject() throws Throwable {
    String out = DemoOutput.of(LostObjectDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== The lost object: a concurrent marker frees live memory ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");
    assertThat(out)
        .containsPattern(
            "(?m)^  sweep\\s+freed C\\s+freed nothing\\s+freed nothing\\s+freed nothing$")
        .containsPattern("(?m)^  g1: B\\.0 = nil\\s+A● B◐ C○ \\* !\\s+A● B◐ C◐\\s");
    assertThat(matrixRow(out, "NONE / AT_START")).contains("LOST C").contains("LOST B");
    assertThat(matrixRow(out, "DIJKSTRA / AT_START"))
        .containsExactlyElementsOf(List.of("safe", "LOST B", "safe", "safe", "safe", "safe"));
    assertThat(matrixRow(out, "YUASA / INCREMENTAL")).contains("LOST C");
    for (String safe :
        List.of("DIJKSTRA / AT_START_AND_RESCAN", "YUASA / AT_START", "HYBRID / INCREMENTAL")) {
      assertThat(matrixRow(out, safe)).as(safe).containsOnly("safe").hasSize(6);
    }
    assertThat(out)
        .containsPattern("(?m)^  NONE / AT_START, scenario 1: C freed after .*g1: A\\.1 = x")
        .containsPattern("(?m)^  DIJKSTRA / AT_START_AND_RESCAN\\s+4\\.\\.4\\s+0\\.\\.2$")
        .containsPattern("(?m)^  YUASA / AT_START\\s+2\\.\\.2\\s+2\\.\\.2$")
        .containsPattern("(?m)^  HYBRID / INCREMENTAL\\s+1\\.\\.1\\s+2\\.\\.2$");
    assertClosingLine(out);
  }

  @Test
  @DisplayName("gc-logs: G1 and ZGC child JVMs both log GC cycles and pauses, in a table")
  void gcLogs() throws Throwable {
    String out = DemoOutput.of(GcLogDemo::main);
    assertThat(out.lines().findFirst()).hasValue("== GC logs: one workload under G1 and ZGC ==");
    assertHeaderWithMachine(out);
    assertThat(out).doesNotContain("killed after", "exited with");
    for (GcLogDemo.Gc collector : GcLogDemo.COLLECTORS) {
      String gc = collector.name();
      Matcher section =
          Pattern.compile(
                  "(?m)^"
                      + gc
                      + " \\("
                      + Pattern.quote(collector.option())
                      + "\\): ([\\d,]+) GC cycles$")
              .matcher(out);
      assertThat(section.find()).as("a %s section in:%n%s", gc, out).isTrue();
      assertThat(number(section.group(1))).as("%s GC cycles", gc).isPositive();
      Matcher row =
          Pattern.compile(
                  "(?m)^"
                      + gc
                      + "\\s+([\\d,]+)\\s+([\\d,]+)\\s+[\\d.]+ ms\\s+[\\d.]+ ms\\s+[\\d,]+"
                      + " ms\\s+[\\d.]+ s$")
              .matcher(out);
      assertThat(row.find()).as("a %s row in the summary table:%n%s", gc, out).isTrue();
      assertThat(number(row.group(1))).as("%s cycles", gc).isPositive();
      assertThat(number(row.group(2))).as("%s pauses", gc).isPositive();
    }
    assertThat(out)
        .containsPattern("(?m)^  pause\\s+count\\s+total ms\\s+max ms$")
        .containsPattern("(?m)^  Young \\(Normal\\)\\s+[\\d,]+\\s")
        .containsPattern("(?m)^  Mark Start\\s+[\\d,]+\\s")
        .containsPattern("(?m)^  log: \\[.+\\]\\[info\\]\\[gc.*\\] GC\\(\\d+\\) Pause Young")
        .containsPattern(
            "(?m)^  log: \\[.+\\]\\[info\\]\\[gc,phases\\] GC\\(\\d+\\) [Yy]: Pause Mark");
    assertClosingLine(out);
  }

  @Test
  @DisplayName(
      "gc-logs: the parser counts G1 and generational ZGC pause lines as JDK 25 prints them")
  void gcLogParser() {
    var log =
        GcLogDemo.parse(
            List.of(
                "[0.004s][info][gc] Using G1",
                "[0.193s][info][gc,phases] GC(0)   Evacuate Collection Set: 18.51ms",
                "[0.193s][info][gc       ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)"
                    + " 15M->14M(128M) 21.564ms",
                "[1.237s][info][gc       ] GC(85) Pause Remark 102M->102M(128M) 0.689ms",
                "[0.188s][info][gc,phases] GC(86) Y: Pause Mark Start (Major) 0.020ms",
                "[0.450s][info][gc,phases] GC(87) y: Pause Mark Start 0.014ms",
                "[0.196s][info][gc,phases] GC(86) O: Pause Mark End 0.025ms"));
    assertThat(log.cycles()).isEqualTo(4);
    assertThat(log.kinds())
        .extracting(GcLogDemo.Kind::name, GcLogDemo.Kind::count)
        .containsExactly(
            tuple("Young (Normal)", 1),
            tuple("Remark", 1),
            tuple("Mark Start", 2),
            tuple("Mark End", 1));
    assertThat(log.maxMs()).isEqualTo(21.564);
  }

  @Test
  @DisplayName(
      "references: weak cleared, soft cleared under pressure, phantom enqueued, cleaner ran")
  void references() throws Throwable {
    String out = DemoOutput.of(ReferencesDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== References: weak, soft, phantom and Cleaner, observed ==");
    assertHeaderWithMachine(out);
    assertThat(out)
        .containsPattern("(?m)^kind\\s+cleared when\\s+observed\\s+what it is for$")
        .containsPattern("(?m)^WeakReference\\s+.+\\s+yes\\s+canonicalising maps")
        .containsPattern("(?m)^Cleaner\\s+.+\\s+yes\\s+releasing native resources")
        .containsPattern("(?m)^PhantomReference\\s+.+\\s+(yes|no)\\s+post-mortem cleanup$")
        .containsPattern("(?m)^SoftReference\\s+.+\\s+(yes|no)\\s+memory-sensitive caches$")
        .containsPattern("(?m)^  survived \\d of 3 System\\.gc\\(\\) calls")
        .contains("JEP 421")
        .doesNotContain("the child JVM failed");
    assertClosingLine(out);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** The marking demo's frames: each from its "[NN] step" line to the blank line after it. */
  private static List<String> frames(String out) {
    return Arrays.stream(out.split("\\R\\R"))
        .map(String::strip)
        .filter(block -> block.matches("(?s)^\\[\\d\\d\\] .*"))
        .toList();
  }

  /** A frame's object lines, for example "A ● -> B, C", without the indent. */
  private static List<String> objectLines(String frame) {
    return frame
        .lines()
        .map(String::strip)
        .filter(line -> line.matches("^[A-Z]\\w* [○◐●].*"))
        .toList();
  }

  private static List<Schedule.Frame> expectedFrames() {
    String steps =
        MarkingDemo.STEPS.stream().map(MarkingDemo.Step::step).collect(Collectors.joining(";"));
    return Schedule.run(
        Collector.of(Heap.parse(MarkingDemo.HEAP), Barrier.HYBRID), Invariant.WEAK, steps);
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static Document parseXml(Path file) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  /** The cells of a row of the lost-object matrix, as "safe" or "LOST X". */
  private static List<String> matrixRow(String out, String pair) {
    Matcher m =
        Pattern.compile("(?m)^  " + Pattern.quote(pair) + "((?:\\s+(?:safe \\d+|LOST \\S+)){6})$")
            .matcher(out);
    assertThat(m.find()).as("a matrix row for %s in:%n%s", pair, out).isTrue();
    Matcher cell = Pattern.compile("safe \\d+|LOST \\S+").matcher(m.group(1));
    return cell.results().map(r -> r.group().startsWith("safe") ? "safe" : r.group()).toList();
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }

  private static void assertHeaderWithMachine(String out) {
    List<String> lines = out.lines().toList();
    assertThat(lines.get(1)).startsWith("Watch: ");
    assertThat(lines.get(2)).startsWith("Machine: JDK ").contains(" cores");
  }

  private static void assertClosingLine(String out) {
    assertThat(out.strip().lines().toList().getLast()).startsWith("You just saw:");
  }
}
