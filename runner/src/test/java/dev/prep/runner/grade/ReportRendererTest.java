package dev.prep.runner.grade;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ReportRendererTest {
  private final ReportRenderer renderer = new ReportRenderer(false);

  @Test
  @DisplayName("shows the first failure in full and every other test on one line")
  void firstFailureInFull() {
    String text = renderer.render(Reports.failing());

    assertThat(text)
        .isEqualTo(
            """
            @|bold,red ✗ greeter|@ 1 of 4 tests pass (0.18 s)

            @|bold,red ✗ greets a person by name|@
                expected: "Hello, Ada!"
                but was:  "Hello Ada!"
                                @|yellow ^|@ first difference, at index 5
                at @|cyan topics/fixture/src/grader/java/fixture/GreeterTest.java:17|@
                @|faint your output:|@
                | %s

            @|red ✗|@ greets the world when the name is blank — not implemented yet: TODO: build the greeting
            @|green ✓|@ greets anyone "Grace"
            @|faint - a disabled test (skipped)|@
            """
                .formatted("x".repeat(600)));
  }

  @Test
  @DisplayName("verbose shows every failure in full")
  void verboseExpandsAll() {
    String text = new ReportRenderer(true).render(Reports.failing());

    assertThat(text)
        .contains("@|bold,red ✗ greets the world when the name is blank|@")
        .contains("    at @|cyan exercises/fixture/fixture/Greeter.java:6|@");
  }

  @Test
  @DisplayName("a compile error shows path:line:col, the line and a caret, and nothing else")
  void compileError() {
    assertThat(renderer.render(Reports.compileError()))
        .isEqualTo(
            """
            @|bold,red ✗ greeter did not run|@ (0.09 s)

            @|bold Compile error|@
              exercises/fixture/fixture/Greeter.java:5:34: error: ';' expected
                  return "Hello, " + name + "!"
                                               ^
            """);
  }

  @Test
  @DisplayName("a hazard names its kind and the learner's frames")
  void hazard() {
    assertThat(renderer.render(Reports.hung()))
        .contains("@|bold,yellow ⚠ Timed out|@")
        .contains(
            "  thread \"main\" (RUNNABLE)\n"
                + "    at @|cyan exercises/fixture/fixture/Greeter.java:8 in Greeter.greet|@")
        .contains("@|faint - greets the world when the name is blank (not run: grading stopped at")
        .contains("@|red ✗|@ greets a person by name — timed out, see below\n")
        .containsOnlyOnce("was still running after 2 s");
  }

  @Test
  @DisplayName("a long grader shows a dozen one-liners, then says how many more there are")
  void longGraderIsCapped() {
    var many = new java.util.ArrayList<TestResult>();
    for (int i = 1; i <= 20; i++) {
      many.add(TestResult.errored("case " + i, "not implemented yet: TODO", null, ""));
    }
    var report =
        new GradeReport(
            "long",
            GradeStatus.FAIL,
            null,
            many,
            java.util.List.of(),
            true,
            null,
            java.time.Duration.ofMillis(5));

    String text = renderer.render(report);

    assertThat(text)
        .contains("@|bold,red ✗ case 1|@")
        .contains("case 13 — not implemented yet")
        .doesNotContain("case 14")
        .endsWith("@|faint ... 7 more tests (--verbose lists every test)|@\n");
    assertThat(new ReportRenderer(true).render(report)).contains("case 20");
  }

  @Test
  @DisplayName("learner text cannot open picocli markup")
  void learnerTextIsDefused() {
    assertThat(ReportRenderer.safe("@|bold boom|@")).isEqualTo("@ |bold boom| @");
  }

  @Test
  @DisplayName("a multi-line difference points at the first differing line")
  void multiLineComparison() {
    var out = new StringBuilder();
    ReportRenderer.comparison("a\nb\nc", "a\nx\nc", out);

    assertThat(out.toString())
        .isEqualTo(
            """
                first difference on line 2:
                expected: "b"
                but was:  "x"
                           @|yellow ^|@ first difference, at index 0
            """);
  }
}
