package dev.prep.runner.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ConcurrentModificationException;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class FailureDescriberTest {
  private static final String LEARNER = "exercises/demo/demo/Counter.java";

  private final FailureDescriber describer =
      new FailureDescriber(new CourseFrames(Map.of("demo.Counter", LEARNER), Map.of()));

  private TestResult describe(Throwable thrown) {
    return describer.describe("counts", thrown, CapturedOutput.NONE, null, "");
  }

  private static <T extends Throwable> T thrownAt(T thrown, int line) {
    thrown.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("java.util.ArrayList$Itr", "next", "ArrayList.java", 1000),
          new StackTraceElement("demo.Counter$Inner", "count", "Counter.java", line),
          new StackTraceElement("demo.CounterTest", "counts", "CounterTest.java", 9)
        });
    return thrown;
  }

  @Test
  @DisplayName("a ConcurrentModificationException gets a hint and the learner's line")
  void concurrentModification() {
    TestResult result = describe(thrownAt(new ConcurrentModificationException(), 12));

    assertThat(result.status()).isEqualTo(TestStatus.ERROR);
    assertThat(result.message())
        .startsWith("ConcurrentModificationException\nhint: a collection was changed");
    assertThat(result.location()).isEqualTo(LEARNER + ":12");
  }

  @Test
  @DisplayName("an IllegalMonitorStateException says to hold the monitor")
  void illegalMonitorState() {
    assertThat(describe(new IllegalMonitorStateException("current thread is not owner")).message())
        .startsWith(
            "IllegalMonitorStateException: current thread is not owner\nhint: wait, notify");
  }

  @Test
  @DisplayName("an UnsupportedOperationException without TODO hints at immutable collections")
  void immutableCollection() {
    assertThat(describe(new UnsupportedOperationException()).message())
        .startsWith("UnsupportedOperationException\nhint: List.of, Map.of");
  }

  @Test
  @DisplayName("AssertJ's quoted strings arrive unquoted, so the diff compares the text itself")
  void assertjStrings() {
    AssertionError error =
        assertThrows(
            AssertionError.class, () -> Assertions.assertThat("Hello Ada").isEqualTo("Hello, Ada"));

    TestResult result = describe(error);

    assertThat(result.status()).isEqualTo(TestStatus.FAIL);
    assertThat(result.expected()).isEqualTo("Hello, Ada");
    assertThat(result.actual()).isEqualTo("Hello Ada");
  }

  @Test
  @DisplayName("assertEquals values arrive as they are")
  void jupiterValues() {
    AssertionError error = assertThrows(AssertionError.class, () -> assertEquals(8, 6));

    TestResult result = describe(error);

    assertThat(result.expected()).isEqualTo("8");
    assertThat(result.actual()).isEqualTo("6");
  }
}
