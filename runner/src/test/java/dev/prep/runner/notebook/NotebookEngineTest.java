package dev.prep.runner.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotebookEngineTest {
  private static NotebookEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = new NotebookEngine(Fixtures.settings());
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @Test
  @DisplayName("a notebook whose cells keep their promises passes the check")
  void goodNotebookPasses() throws Exception {
    Notebook nb = Fixtures.notebook("good.md");
    NotebookRun run = engine.run(nb);

    CheckResult result = NotebookCheck.check(nb, run);

    assertThat(result.report()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.cellsChecked()).isEqualTo(nb.cells().size() - 2);
  }

  @Test
  @DisplayName("update leaves a notebook that already matches byte for byte unchanged")
  void updateOfMatchingNotebookIsIdentity() throws Exception {
    Notebook nb = Fixtures.notebook("good.md");

    assertThat(NotebookCheck.update(nb, engine.run(nb))).isEqualTo(nb.text());
  }

  @Test
  @DisplayName("a stale output block fails the check with file:line, expected and actual")
  void wrongOutputFails() throws Exception {
    Notebook nb = Fixtures.notebook("wrong-output.md");

    CheckResult result = NotebookCheck.check(nb, engine.run(nb));

    assertThat(result.passed()).isFalse();
    assertThat(result.contractsHold()).isTrue();
    assertThat(result.report())
        .startsWith("topics/fixture/notebooks/wrong-output.md:6: the output differs")
        .contains("expected:\n    3\n", "actual:\n    2\n");
  }

  @Test
  @DisplayName("an endless loop is stopped at its timeout and later cells are reported as not run")
  void endlessLoopTimesOut() throws Exception {
    Notebook nb = Fixtures.notebook("timeouts.md");

    NotebookRun run = engine.run(nb);

    assertThat(run.results().get(0)).isEqualTo(new CellResult.TimedOut(Duration.ofSeconds(1)));
    assertThat(run.results().get(1)).isInstanceOf(CellResult.NotRun.class);
    assertThat(NotebookCheck.check(nb, run).report())
        .contains("topics/fixture/notebooks/timeouts.md:3: cell timed out after 1s")
        .contains(
            "timeouts.md:7: cell not run: the cell at topics/fixture/notebooks/timeouts.md:3 timed out");
  }

  @Test
  @DisplayName("a loop inside JDK code, which JShell cannot stop, is killed at its timeout")
  void jdkLoopTimesOut() throws Exception {
    Notebook nb = Fixtures.notebook("jdk-loop.md");

    NotebookRun run = engine.run(nb);

    assertThat(run.results().get(0)).isEqualTo(new CellResult.Completed("before the loop\n"));
    assertThat(run.results().get(1)).isInstanceOf(CellResult.TimedOut.class);
    assertThat(run.results().get(2)).isInstanceOf(CellResult.NotRun.class);
  }

  @Test
  @DisplayName("System.exit in a cell is reported with its status and the engine carries on")
  void exitIsReported() throws Exception {
    Notebook nb = Fixtures.notebook("exit.md");

    NotebookRun run = engine.run(nb);

    assertThat(run.results().get(0)).isEqualTo(new CellResult.Died("going\n", 3));
    assertThat(run.results().get(1)).isInstanceOf(CellResult.NotRun.class);
    assertThat(NotebookCheck.check(nb, run).report())
        .contains("exit.md:3: the notebook's JVM exited with status 3");
    Notebook next = Fixtures.notebook("wrong-output.md");
    assertThat(engine.run(next).results()).containsExactly(new CellResult.Completed("2\n"));
  }

  @Test
  @DisplayName("cells that break their flags fail the check, and update refuses to rewrite them")
  void brokenContracts() throws Exception {
    Notebook nb = Fixtures.notebook("broken-contracts.md");
    NotebookRun run = engine.run(nb);

    CheckResult result = NotebookCheck.check(nb, run);

    assertThat(result.contractsHold()).isFalse();
    assertThat(result.report())
        .contains("broken-contracts.md:3: the cell is flagged throws but completed")
        .contains(
            "broken-contracts.md:7: unexpected Exception java.lang.IllegalArgumentException:"
                + " surprise; if throwing is the lesson, flag the cell throws=IllegalArgumentException")
        .contains("broken-contracts.md:11: the cell does not compile: error: incompatible types")
        .contains("compile-error=compiler.err.prob.found.req");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NotebookCheck.update(nb, run))
        .isInstanceOf(NotebookUpdateRefusedException.class)
        .hasMessageContaining("broken-contracts.md:3:");
  }

  @Test
  @DisplayName("update regenerates outputs, keeps every other byte, and is idempotent")
  void updateRewritesOnlyOutputBlocks() throws Exception {
    Notebook nb = Fixtures.notebook("stale.md");

    String updated = NotebookCheck.update(nb, engine.run(nb));
    Notebook reparsed = Notebook.parse(nb.file(), nb.displayPath(), updated);
    NotebookRun rerun = engine.run(reparsed);

    assertThat(updated)
        .isEqualTo(
            nb.text()
                .replace(
                    "System.out.println(\"missing block\");\n```\n",
                    "System.out.println(\"missing block\");\n```\n```output\nmissing block\n```\n")
                .replace("old text", "changed")
                .replace("```\n```output\nthis block must go\n```\n", "```\n")
                .replace(
                    "System.out.println(\"```\");\n```\n",
                    "System.out.println(\"```\");\n```\n````output\n```\n````\n"));
    assertThat(NotebookCheck.check(reparsed, rerun).passed()).isTrue();
    assertThat(NotebookCheck.update(reparsed, rerun)).isEqualTo(updated);
  }
}
