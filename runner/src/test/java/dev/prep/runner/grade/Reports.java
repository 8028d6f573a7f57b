package dev.prep.runner.grade;

import java.time.Duration;
import java.util.List;

/** Hand-built reports, so renderer and JSON tests need no worker. */
final class Reports {
  private Reports() {}

  static final String LEARNER = "exercises/fixture/fixture/Greeter.java";

  static GradeReport failing() {
    var wrong =
        new TestResult(
            "greets a person by name",
            TestStatus.FAIL,
            "expected: \"Hello, Ada!\"\n but was: \"Hello Ada!\"",
            "Hello, Ada!",
            "Hello Ada!",
            "topics/fixture/src/grader/java/fixture/GreeterTest.java:17",
            new CapturedOutput("x".repeat(600), 600),
            1,
            "@Test\n"
                + "void greetsByName() {\n"
                + "  assertThat(new Greeter().greet(\"Ada\")).isEqualTo(\"Hello, Ada!\");\n"
                + "}");
    var todo =
        new TestResult(
            "greets the world when the name is blank",
            TestStatus.ERROR,
            "not implemented yet: TODO: build the greeting",
            null,
            null,
            LEARNER + ":6",
            CapturedOutput.NONE,
            2,
            "@Test\nvoid greetsTheWorld() {}");
    var pass = TestResult.passed("greets anyone \"Grace\"", new CapturedOutput("hi\n", 3), 2, "");
    var skipped =
        new TestResult(
            "a disabled test", TestStatus.SKIPPED, "off", null, null, null, null, null, null);
    return new GradeReport(
        "greeter",
        GradeStatus.FAIL,
        null,
        List.of(wrong, todo, pass, skipped),
        List.of(),
        true,
        null,
        Duration.ofMillis(180));
  }

  static GradeReport compileError() {
    var error =
        new Diagnostic(LEARNER, 5, 34, "    return \"Hello, \" + name + \"!\"", "';' expected");
    return new GradeReport(
        "greeter",
        GradeStatus.ERROR,
        "1 compile error",
        List.of(),
        List.of(error),
        false,
        null,
        Duration.ofMillis(90));
  }

  static GradeReport hung() {
    var hazard =
        new Hazard(
            Hazard.Kind.TIMEOUT,
            "\"greets a person by name\" was still running after 2 s: an infinite loop?",
            "greets a person by name",
            List.of(
                new Hazard.ThreadSnapshot(
                    "main", "RUNNABLE", null, List.of(LEARNER + ":8 in Greeter.greet"))));
    return new GradeReport(
        "greeter",
        GradeStatus.FAIL,
        null,
        List.of(
            TestResult.errored("greets a person by name", hazard.summary(), 1, ""),
            TestResult.notRun(
                "greets the world when the name is blank",
                "not run: grading stopped at \"greets a person by name\"",
                2,
                "")),
        List.of(),
        true,
        hazard,
        Duration.ofMillis(3100));
  }
}
