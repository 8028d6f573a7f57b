package dev.prep.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileChangesTest {
  @TempDir Path dir;

  /** Waits for a change on its own thread; counts the latch down when one is noticed. */
  private static Thread waitingFor(FileChanges changes, CountDownLatch noticed) {
    return Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try {
                changes.awaitChange();
                noticed.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  @ParameterizedTest(name = "poll only: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(10)
  @DisplayName("a save of a followed file is noticed, with file events and by polling alone")
  void noticesASave(boolean pollOnly) throws Exception {
    Path file = Files.writeString(dir.resolve("Exercise.java"), "class Exercise {}");
    var noticed = new CountDownLatch(1);
    try (var changes = new FileChanges(pollOnly)) {
      changes.follow(List.of(file));
      Thread waiter = waitingFor(changes, noticed);

      Files.writeString(file, "class Exercise { int saved; }");

      assertThat(noticed.await(5, TimeUnit.SECONDS)).as("the save was noticed").isTrue();
      waiter.interrupt();
    }
  }

  @ParameterizedTest(name = "poll only: {0}")
  @ValueSource(booleans = {false, true})
  @Timeout(10)
  @DisplayName("files nobody touches wake nobody")
  void quietFilesStayQuiet(boolean pollOnly) throws Exception {
    Path file = Files.writeString(dir.resolve("Exercise.java"), "class Exercise {}");
    var noticed = new CountDownLatch(1);
    try (var changes = new FileChanges(pollOnly)) {
      changes.follow(List.of(file));
      Thread waiter = waitingFor(changes, noticed);

      assertThat(noticed.await(1, TimeUnit.SECONDS))
          .as("a change noticed with none made")
          .isFalse();
      waiter.interrupt();
    }
  }
}
