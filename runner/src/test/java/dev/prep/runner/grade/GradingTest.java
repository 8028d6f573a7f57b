package dev.prep.runner.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One Grading for the whole class, as in {@code prep watch}: each hazard must end in a clear
 * report, and the next grade() must work (on a fresh worker when the old one was tainted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GradingTest {
  private static final Duration SHORT = Duration.ofMillis(1500);
  private static final String LEARNER = Fixture.LEARNER_PATH;

  private final Grading grading = new Grading(Fixture.settings());

  @BeforeAll
  void startWorker() {
    grading.warmUp();
  }

  @AfterAll
  void stopWorker() {
    grading.close();
  }

  private void nextGradeStillWorks() {
    GradeReport next = grading.grade(Fixture.request("correct"));
    assertThat(next.status()).as(new ReportRenderer(true).render(next)).isEqualTo(GradeStatus.PASS);
  }

  @Test
  @DisplayName("a correct solution passes every test, in grader source order, with task ids")
  void correct() {
    GradeReport report = grading.grade(Fixture.request("correct"));

    assertThat(report.status()).isEqualTo(GradeStatus.PASS);
    assertThat(report.passed()).isTrue();
    assertThat(report.compiled()).isTrue();
    assertThat(report.hazard()).isNull();
    assertThat(report.tests())
        .extracting(TestResult::name)
        .containsExactly(
            "greets a person by name",
            "greets the world when the name is blank",
            "greets anyone \"Grace\"",
            "greets anyone \"Linus\"");
    assertThat(report.tests()).extracting(TestResult::taskId).containsExactly(1, 2, 2, 2);
    assertThat(report.tests().getFirst().testCode())
        .startsWith("@Test")
        .contains("void greetsByName()")
        .endsWith("}");
  }

  @Test
  @DisplayName("a warm worker is reused and re-grades quickly")
  void warmWorkerIsReused() {
    grading.grade(Fixture.request("correct"));
    long pid = grading.workerPid();

    GradeReport again = grading.grade(Fixture.request("wrong"));

    assertThat(again.status()).isEqualTo(GradeStatus.FAIL);
    assertThat(grading.workerPid()).isEqualTo(pid);
  }

  @Test
  @DisplayName("a wrong answer names the test and shows expected and actual strings")
  void wrongAnswer() {
    GradeReport report = grading.grade(Fixture.request("wrong"));

    assertThat(report.status()).isEqualTo(GradeStatus.FAIL);
    TestResult first = report.failures().getFirst();
    assertThat(first.name()).isEqualTo("greets a person by name");
    assertThat(first.status()).isEqualTo(TestStatus.FAIL);
    assertThat(first.expected()).isEqualTo("Hello, Ada!");
    assertThat(first.actual()).isEqualTo("Hello Ada!");
    assertThat(first.location()).isEqualTo(Fixture.GRADER_PATH + ":17");
    assertThat(new ReportRenderer(false).render(report))
        .contains("     @|yellow ^|@ first difference, at index 5");
  }

  @Test
  @DisplayName("a compile error is an ERROR with path:line:col, the source line and a caret")
  void compileError() {
    GradeReport report = grading.grade(Fixture.request("compile-error"));

    assertThat(report.status()).isEqualTo(GradeStatus.ERROR);
    assertThat(report.compiled()).isFalse();
    assertThat(report.tests()).isEmpty();
    Diagnostic error = report.diagnostics().getFirst();
    assertThat(error.path()).isEqualTo(LEARNER);
    assertThat(error.line()).isEqualTo(5);
    assertThat(error.message()).contains("';' expected");
    assertThat(error.render())
        .startsWith(LEARNER + ":5:34: error: ';' expected")
        .endsWith("    return \"Hello, \" + name + \"!\"\n" + " ".repeat(33) + "^");
    nextGradeStillWorks();
  }

  @Test
  @DisplayName("a stub's UnsupportedOperationException reads as not implemented yet")
  void stub() {
    GradeReport report = grading.grade(Fixture.request("stub"));

    assertThat(report.status()).isEqualTo(GradeStatus.FAIL);
    TestResult first = report.tests().getFirst();
    assertThat(first.status()).isEqualTo(TestStatus.ERROR);
    assertThat(first.message()).isEqualTo("not implemented yet: TODO: build the greeting");
    assertThat(first.location()).isEqualTo(LEARNER + ":" + Fixture.lineOf("stub", "throw new"));
  }

  @Test
  @DisplayName(
      "an infinite loop names the hung test and the learner's line, then a new worker takes over")
  void infiniteLoop() {
    long start = System.nanoTime();
    GradeReport report = grading.grade(Fixture.request("infinite-loop", SHORT));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

    assertThat(report.status()).isEqualTo(GradeStatus.FAIL);
    Hazard hazard = report.hazard();
    assertThat(hazard.kind()).isEqualTo(Hazard.Kind.TIMEOUT);
    assertThat(hazard.testName()).isEqualTo("greets a person by name");
    assertThat(hazard.summary())
        .contains("\"greets a person by name\" was still running after 1.5 s");
    assertThat(hazard.threads())
        .flatExtracting(Hazard.ThreadSnapshot::frames)
        .anySatisfy(
            frame ->
                assertThat(frame)
                    .startsWith(LEARNER + ":" + Fixture.lineOf("infinite-loop", "spins++")));
    assertThat(report.tests().getFirst().status()).isEqualTo(TestStatus.ERROR);
    assertThat(report.tests().get(1).status()).isEqualTo(TestStatus.NOT_RUN);
    assertThat(seconds).isLessThan(10);
    nextGradeStillWorks();
  }

  @Test
  @DisplayName("a deadlock names the threads and the locks they wait for")
  void deadlock() {
    GradeReport report = grading.grade(Fixture.request("deadlock", Duration.ofSeconds(10)));

    Hazard hazard = report.hazard();
    assertThat(hazard.kind()).isEqualTo(Hazard.Kind.DEADLOCK);
    assertThat(hazard.testName()).isEqualTo("greets a person by name");
    assertThat(hazard.summary()).contains("\"greeting-helper\"").contains("deadlocked");
    assertThat(hazard.threads())
        .anySatisfy(
            thread -> {
              assertThat(thread.name()).isEqualTo("greeting-helper");
              assertThat(thread.state()).isEqualTo("BLOCKED");
              assertThat(thread.waitingFor()).startsWith("java.lang.Object@");
            });
    assertThat(report.elapsed()).isLessThan(Duration.ofSeconds(10));
    nextGradeStillWorks();
  }

  @Test
  @DisplayName("System.exit names the test and the learner's line that called it")
  void systemExit() {
    GradeReport report = grading.grade(Fixture.request("exit"));

    Hazard hazard = report.hazard();
    assertThat(hazard.kind()).isEqualTo(Hazard.Kind.EXIT);
    assertThat(hazard.testName()).isEqualTo("greets the world when the name is blank");
    assertThat(hazard.summary())
        .contains("System.exit at " + LEARNER + ":" + Fixture.lineOf("exit", "System.exit"));
    assertThat(report.tests().getFirst().status()).isEqualTo(TestStatus.PASS);
    assertThat(report.status()).isEqualTo(GradeStatus.FAIL);
    nextGradeStillWorks();
  }

  @Test
  @DisplayName("Runtime.halt (no shutdown hooks) still names the running test and the status")
  void runtimeHalt() {
    GradeReport report = grading.grade(Fixture.request("halt"));

    Hazard hazard = report.hazard();
    assertThat(hazard.kind()).isEqualTo(Hazard.Kind.EXIT);
    assertThat(hazard.testName()).isEqualTo("greets a person by name");
    assertThat(hazard.summary())
        .contains("stopped with status 9 while \"greets a person by name\" was running");
    assertThat(report.status()).isEqualTo(GradeStatus.FAIL);
    nextGradeStillWorks();
  }

  @Test
  @DisplayName("an OutOfMemoryError names the test and the allocating line")
  void outOfMemory() {
    GradeReport report = grading.grade(Fixture.request("out-of-memory"));

    Hazard hazard = report.hazard();
    assertThat(hazard.kind()).isEqualTo(Hazard.Kind.OUT_OF_MEMORY);
    assertThat(hazard.testName()).isEqualTo("greets a person by name");
    assertThat(hazard.summary())
        .contains("Java heap space")
        .contains(LEARNER + ":" + Fixture.lineOf("out-of-memory", "cache.add"));
    nextGradeStillWorks();
  }

  @Test
  @DisplayName(
      "with -XX:+ExitOnOutOfMemoryError the runner still says out of memory, and in which test")
  void exitOnOutOfMemory() {
    var settings = Fixture.settings();
    var options = new java.util.ArrayList<>(settings.jvmOptions());
    options.add("-XX:+ExitOnOutOfMemoryError");
    try (var strict = new Grading(settings.withJvmOptions(options))) {
      GradeReport report = strict.grade(Fixture.request("out-of-memory"));

      assertThat(report.hazard().kind()).isEqualTo(Hazard.Kind.OUT_OF_MEMORY);
      assertThat(report.hazard().testName()).isEqualTo("greets a person by name");
    }
  }

  @Test
  @DisplayName("a StackOverflowError says infinite recursion and shows the learner's frame once")
  void stackOverflow() {
    GradeReport report = grading.grade(Fixture.request("stack-overflow"));
    long pid = grading.workerPid();

    TestResult first = report.tests().getFirst();
    assertThat(first.status()).isEqualTo(TestStatus.ERROR);
    String line = LEARNER + ":" + Fixture.lineOf("stack-overflow", "return polite(name)");
    assertThat(first.message())
        .isEqualTo(
            "StackOverflowError: infinite recursion? polite at "
                + line
                + " keeps calling itself without reaching a base case");
    assertThat(first.location()).isEqualTo(line);
    assertThat(report.hazard()).isNull();
    nextGradeStillWorks();
    assertThat(grading.workerPid()).as("the worker survives a StackOverflowError").isEqualTo(pid);
  }

  @Test
  @DisplayName(
      "threads left running are named with the test that started them, and the worker is replaced")
  void leakedThreads() {
    grading.warmUp();
    long tainted = grading.workerPid();
    GradeReport report = grading.grade(Fixture.request("leaked-threads"));

    assertThat(report.status()).isEqualTo(GradeStatus.PASS);
    Hazard hazard = report.hazard();
    assertThat(hazard.kind()).isEqualTo(Hazard.Kind.LEAKED_THREADS);
    assertThat(hazard.summary())
        .startsWith("4 threads were still running")
        .contains("\"greeting-cache-refresher\" ×4 (started in \"greets a person by name\")");
    assertThat(hazard.threads())
        .singleElement()
        .satisfies(
            thread ->
                assertThat(thread.frames())
                    .containsExactly(
                        LEARNER
                            + ":"
                            + Fixture.lineOf("leaked-threads", "Thread.sleep")
                            + " in Greeter.refreshForever"));
    assertThat(grading.workerPid())
        .as("a fresh worker replaces the tainted one")
        .isNotEqualTo(tainted);
    nextGradeStillWorks();
  }

  @Test
  @DisplayName("megabytes of output are capped and labelled with the real size")
  void loudOutput() {
    GradeReport report = grading.grade(Fixture.request("loud"));

    assertThat(report.status()).isEqualTo(GradeStatus.PASS);
    CapturedOutput output = report.tests().getFirst().output();
    assertThat(output.totalBytes()).isGreaterThan(2_000_000);
    assertThat(output.text()).startsWith("debug line 0 ").hasSizeLessThanOrEqualTo(4096);
    assertThat(output.label()).isEqualTo("your output (first 4 KB of 2.9 MB)");
  }
}
