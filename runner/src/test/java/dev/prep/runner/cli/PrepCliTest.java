package dev.prep.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs prep in-process against a copy of the fixture course. */
class PrepCliTest {
  static final Path FIXTURE = Path.of("src/test/resources/course");

  @TempDir Path home;

  record Run(int code, String out, String err) {}

  Run prep(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cl = PrepCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("--home", home.toString()));
    all.addAll(List.of(args));
    int code = cl.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void copyFixture() throws IOException {
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path f : files.toList()) {
        Path to = home.resolve(FIXTURE.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
  }

  @Test
  @DisplayName("prep with no verb shows each topic's progress and the next exercise with its path")
  void status() {
    Run r = prep();

    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("arrays", "exercises 0/2", "notebooks 0/2")
        .contains("Next: arrays/sum — Sum an array")
        .contains("exercises/arrays/demo/Sum.java")
        .contains("./prep read arrays 01-basics");
  }

  @Test
  @DisplayName("hints come one at a time and are remembered between runs")
  void hints() {
    assertThat(prep("hint", "arrays/sum").out())
        .contains("Hint 1 of 2  Loop over it.")
        .doesNotContain("Hint 2");

    Run second = prep("hint", "sum");

    assertThat(second.out())
        .contains("Hint 1 of 2", "Hint 2 of 2  Start from zero", "That was the last hint");
  }

  @Test
  @DisplayName("a typo in an exercise id is a usage error with a suggestion, not a stack trace")
  void typo() {
    Run r = prep("hint", "arrays/summ");

    assertThat(r.code()).isEqualTo(PrepCommand.USAGE);
    assertThat(r.err())
        .contains("no exercise 'arrays/summ': did you mean arrays/sum?")
        .doesNotContain("Exception");
  }

  @Test
  @DisplayName("a corrupt state file is reported and set aside, and prep carries on")
  void corruptState() throws IOException {
    Files.createDirectories(home.resolve(".prep"));
    Files.writeString(home.resolve(".prep/state.json"), "not json");

    Run r = prep("status");

    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("state.json is not valid", "moved to state.json.corrupt-");
  }

  @Test
  @DisplayName("list shows notebooks, demos and exercises with their state")
  void list() {
    prep("hint", "arrays/sum");

    Run r = prep("list", "arrays");

    assertThat(r.out())
        .contains("01-basics", "hello", "Says hello", "not started  arrays/sum", "easy");
  }

  @Test
  @DisplayName("--help lists the named exit codes")
  void exitCodes() {
    assertThat(prep("--help").out())
        .contains(
            "Exit codes:",
            "0   done",
            "1   graded failure",
            "2   usage error",
            "3   internal error");
  }

  @Test
  @DisplayName("every verb answers --help with its own usage")
  void verbHelp() {
    Run r = prep("bench", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: prep bench", "sized for a 2-core machine");
  }

  @Test
  @DisplayName("reset backs up the learner's file, then restores the committed stub")
  void reset() throws Exception {
    git("init", "-q");
    git("add", ".");
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "fixture");
    Path sum = home.resolve("exercises/arrays/demo/Sum.java");
    String stub = Files.readString(sum);
    Files.writeString(sum, "my work");

    Run r = prep("reset", "arrays/sum");

    assertThat(r.code()).isZero();
    assertThat(sum).hasContent(stub);
    try (Stream<Path> backups = Files.walk(home.resolve(".prep/backups"))) {
      assertThat(backups.filter(Files::isRegularFile).toList())
          .singleElement()
          .satisfies(b -> assertThat(b).hasContent("my work"));
    }
  }

  @Test
  @DisplayName("the reference is withheld until the exercise passes, unless forced")
  void solutionWithheld() {
    assertThat(prep("solution", "arrays/sum").out()).contains("does not pass yet");

    Run forced = prep("solution", "arrays/sum", "--force");

    assertThat(forced.out())
        .contains(
            "--- exercises/arrays/demo/Sum.java",
            "+++ solutions/arrays/demo/Sum.java",
            "+    return 0;");
  }

  @Test
  @DisplayName("dev check reports a demo that is not compiled")
  void devCheck() {
    Run r = prep("dev", "check");

    assertThat(r.code()).isEqualTo(PrepCommand.FAILED);
    assertThat(r.out())
        .contains("demo arrays/hello: class demo.HelloDemo is not compiled in topics/arrays");
  }

  private void git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", home.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }
}
