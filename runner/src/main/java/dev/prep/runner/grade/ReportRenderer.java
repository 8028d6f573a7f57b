package dev.prep.runner.grade;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link GradeReport} as picocli markup ({@code @|bold,red text|@}), never raw ANSI, so
 * NO_COLOR and pipes just work: the verdict, the first failure in full, every other test on one
 * line, then any hazard. Verbose shows every failure in full and whole thread dumps.
 */
public final class ReportRenderer {
  private static final int DIAGNOSTICS_SHOWN = 5;
  private static final int FRAMES_SHOWN = 8;
  private static final int ONE_LINERS_SHOWN = 12;

  private final boolean verbose;

  public ReportRenderer(boolean verbose) {
    this.verbose = verbose;
  }

  public String render(GradeReport report) {
    var out = new StringBuilder();
    headline(report, out);
    if (!report.compiled() && !report.diagnostics().isEmpty()) {
      compileErrors(report.diagnostics(), out);
      return out.toString();
    }
    if (report.status() == GradeStatus.ERROR
        && report.tests().isEmpty()
        && report.hazard() == null) {
      out.append("  ").append(safe(report.message())).append('\n');
    }
    boolean expanded = false;
    int lines = 0;
    int hidden = 0;
    for (TestResult test : report.tests()) {
      boolean failed = test.status() == TestStatus.FAIL || test.status() == TestStatus.ERROR;
      if (report.hazard() != null && report.hazard().summary().equals(test.message())) {
        out.append("@|red ✗|@ ")
            .append(safe(test.name()))
            .append(" — ")
            .append(report.hazard().kind().title().toLowerCase(Locale.ROOT))
            .append(", see below\n");
      } else if (failed && (!expanded || verbose)) {
        failure(test, out);
        expanded = true;
      } else if (verbose || lines < ONE_LINERS_SHOWN) {
        oneLine(test, out);
        lines++;
      } else {
        hidden++;
      }
    }
    if (hidden > 0) {
      out.append("@|faint ... ")
          .append(hidden)
          .append(hidden == 1 ? " more test" : " more tests")
          .append(" (--verbose lists every test)|@\n");
    }
    if (report.hazard() != null) {
      hazard(report.hazard(), out);
    }
    return out.toString();
  }

  private static void headline(GradeReport report, StringBuilder out) {
    String time = String.format(Locale.ROOT, "%.2f s", report.elapsed().toMillis() / 1000.0);
    long total = report.tests().size();
    switch (report.status()) {
      case PASS ->
          out.append("@|bold,green ✓ ")
              .append(report.exerciseId())
              .append(" passes|@ ")
              .append("(")
              .append(total)
              .append(total == 1 ? " test, " : " tests, ")
              .append(time)
              .append(")\n");
      case FAIL ->
          out.append("@|bold,red ✗ ")
              .append(report.exerciseId())
              .append("|@ ")
              .append(report.passedCount())
              .append(" of ")
              .append(total)
              .append(" tests pass (")
              .append(time)
              .append(")\n");
      case ERROR ->
          out.append("@|bold,red ✗ ")
              .append(report.exerciseId())
              .append(" did not run|@ (")
              .append(time)
              .append(")\n");
    }
  }

  private static void compileErrors(List<Diagnostic> diagnostics, StringBuilder out) {
    out.append("\n@|bold Compile ")
        .append(diagnostics.size() == 1 ? "error" : "errors")
        .append("|@\n");
    diagnostics.stream()
        .limit(DIAGNOSTICS_SHOWN)
        .forEach(d -> out.append(indent(safe(d.render()), "  ")).append('\n'));
    if (diagnostics.size() > DIAGNOSTICS_SHOWN) {
      out.append("  ... and ").append(diagnostics.size() - DIAGNOSTICS_SHOWN).append(" more\n");
    }
  }

  private void failure(TestResult test, StringBuilder out) {
    out.append("\n@|bold,red ✗ ").append(safe(test.name())).append("|@\n");
    String message = test.hasComparison() ? description(test.message()) : test.message();
    if (message != null && !message.isBlank()) {
      out.append(indent(safe(message), "    ")).append('\n');
    }
    if (test.hasComparison()) {
      comparison(test.expected(), test.actual(), out);
    }
    if (test.location() != null) {
      out.append("    at @|cyan ").append(safe(test.location())).append("|@\n");
    }
    output(test.output(), out);
    out.append('\n');
  }

  /** The assertion's own description: the lines before AssertJ's "expected:" block. */
  private static String description(String message) {
    if (message == null) {
      return null;
    }
    List<String> lines = message.lines().toList();
    int block = 0;
    while (block < lines.size() && !lines.get(block).strip().startsWith("expected:")) {
      block++;
    }
    return String.join("\n", lines.subList(0, block)).strip();
  }

  /** Expected and actual aligned, with a caret under the first character that differs. */
  static void comparison(String expected, String actual, StringBuilder out) {
    if (expected.contains("\n") || actual.contains("\n")) {
      List<String> want = expected.lines().toList();
      List<String> got = actual.lines().toList();
      int line = 0;
      while (line < want.size() && line < got.size() && want.get(line).equals(got.get(line))) {
        line++;
      }
      out.append("    first difference on line ").append(line + 1).append(":\n");
      expected = line < want.size() ? want.get(line) : "(no line)";
      actual = line < got.size() ? got.get(line) : "(no line)";
    }
    int at = 0;
    while (at < expected.length()
        && at < actual.length()
        && expected.charAt(at) == actual.charAt(at)) {
      at++;
    }
    out.append("    expected: \"").append(safe(expected)).append("\"\n");
    out.append("    but was:  \"").append(safe(actual)).append("\"\n");
    if (!expected.equals(actual)) {
      out.append("               ")
          .append(" ".repeat(at))
          .append("@|yellow ^|@ first difference, at index ")
          .append(at)
          .append('\n');
    }
  }

  private void output(CapturedOutput output, StringBuilder out) {
    if (output.isEmpty()) {
      return;
    }
    out.append("    @|faint ").append(output.label()).append(":|@\n");
    String text = output.text().stripTrailing();
    List<String> lines = text.lines().toList();
    int shown = verbose ? lines.size() : Math.min(lines.size(), 20);
    for (String line : lines.subList(0, shown)) {
      out.append("    | ").append(safe(line)).append('\n');
    }
    if (shown < lines.size()) {
      out.append("    | ... ")
          .append(lines.size() - shown)
          .append(" more lines (--verbose shows them)\n");
    }
  }

  private static void oneLine(TestResult test, StringBuilder out) {
    switch (test.status()) {
      case PASS -> out.append("@|green ✓|@ ").append(safe(test.name())).append('\n');
      case SKIPPED -> out.append("@|faint - ").append(safe(test.name())).append(" (skipped)|@\n");
      case NOT_RUN ->
          out.append("@|faint - ")
              .append(safe(test.name()))
              .append(" (")
              .append(safe(test.message()))
              .append(")|@\n");
      case FAIL, ERROR -> {
        out.append("@|red ✗|@ ").append(safe(test.name()));
        if (test.hasComparison()) {
          out.append(" — expected \"")
              .append(safe(clip(test.expected())))
              .append("\" but was \"")
              .append(safe(clip(test.actual())))
              .append('"');
        } else if (test.message() != null) {
          out.append(" — ").append(safe(test.message().lines().findFirst().orElse("")));
        }
        out.append('\n');
      }
    }
  }

  private void hazard(Hazard hazard, StringBuilder out) {
    out.append("\n@|bold,yellow ⚠ ").append(hazard.kind().title()).append("|@\n");
    out.append(indent(safe(hazard.summary()), "  ")).append('\n');
    for (Hazard.ThreadSnapshot thread : hazard.threads()) {
      out.append("  thread \"").append(safe(thread.name())).append("\" (").append(thread.state());
      if (thread.waitingFor() != null) {
        out.append(", waiting for ").append(safe(thread.waitingFor()));
      }
      out.append(")\n");
      int shown = verbose ? thread.frames().size() : Math.min(FRAMES_SHOWN, thread.frames().size());
      thread
          .frames()
          .subList(0, shown)
          .forEach(frame -> out.append("    at @|cyan ").append(safe(frame)).append("|@\n"));
      if (shown < thread.frames().size()) {
        out.append("    ... ").append(thread.frames().size() - shown).append(" more\n");
      }
    }
  }

  private static String clip(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 40 || text.contains("\n")
        ? line.substring(0, Math.min(40, line.length())) + "…"
        : line;
  }

  private static String indent(String text, String prefix) {
    return text.lines().map(line -> prefix + line).reduce((a, b) -> a + "\n" + b).orElse(prefix);
  }

  /** Learner text must not open or close picocli markup. */
  static String safe(String text) {
    return text == null ? "" : text.replace("@|", "@ |").replace("|@", "| @");
  }
}
