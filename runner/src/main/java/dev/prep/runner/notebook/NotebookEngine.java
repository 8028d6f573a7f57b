package dev.prep.runner.notebook;

import dev.prep.runner.notebook.WorkerMessage.Ending;
import dev.prep.runner.notebook.WorkerMessage.Reply;
import dev.prep.runner.notebook.WorkerMessage.Request;
import dev.prep.runner.notebook.WorkerProcess.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs notebooks, one fresh JShell each, in a worker JVM that is started once and reused; a cell
 * that times out or ends the JVM costs a new worker for the next notebook, never the caller's JVM.
 * Not thread-safe: run notebooks one after another.
 */
public final class NotebookEngine implements AutoCloseable {
  /** Covers the worker's start and {@code import module java.base;} on a slow machine. */
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final EngineSettings settings;
  private WorkerProcess worker;

  public NotebookEngine(EngineSettings settings) {
    this.settings = settings;
  }

  /** Runs every cell of a notebook in order; content problems end up in the run, never thrown. */
  public NotebookRun run(Notebook notebook) {
    long started = System.nanoTime();
    List<CellResult> results = new ArrayList<>();
    Optional<String> problem;
    try {
      problem = runCells(notebook, results);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      discardWorker();
      problem = Optional.of("interrupted");
    }
    while (results.size() < notebook.cells().size()) {
      Cell cell = notebook.cells().get(results.size());
      results.add(
          cell.flags().runs()
              ? new CellResult.NotRun("not run: " + problem.orElse("the run stopped early"))
              : new CellResult.Skipped());
    }
    return new NotebookRun(
        notebook, results, problem, Duration.ofNanos(System.nanoTime() - started));
  }

  private Optional<String> runCells(Notebook notebook, List<CellResult> results)
      throws InterruptedException {
    Optional<String> setup = openShell();
    if (setup.isPresent()) {
      return setup;
    }
    Optional<String> stop = Optional.empty();
    for (Cell cell : notebook.cells()) {
      if (!cell.flags().runs()) {
        results.add(new CellResult.Skipped());
      } else if (stop.isPresent()) {
        results.add(new CellResult.NotRun(stop.get()));
      } else {
        CellResult result = evaluate(cell);
        results.add(result);
        stop = stopReason(notebook, cell, result);
      }
    }
    if (worker != null && stop.isEmpty()) {
      Outcome closed = worker.call(Request.close(), CLOSE_TIMEOUT);
      if (!(closed instanceof Outcome.Answered)) {
        discardWorker();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> stopReason(Notebook notebook, Cell cell, CellResult result) {
    String where = notebook.location(cell.line());
    return switch (result) {
      case CellResult.TimedOut t -> Optional.of("not run: the cell at " + where + " timed out");
      case CellResult.Died d ->
          Optional.of("not run: the notebook's JVM ended during the cell at " + where);
      default -> Optional.empty();
    };
  }

  /** Starts a worker if needed and opens a fresh shell in it. */
  private Optional<String> openShell() throws InterruptedException {
    if (worker != null && !worker.alive()) {
      discardWorker();
    }
    if (worker == null) {
      try {
        worker = WorkerProcess.start(settings);
      } catch (IOException e) {
        return Optional.of(
            "cannot start the notebook JVM " + settings.javaExecutable() + ": " + e.getMessage());
      }
    }
    List<String> classpath = settings.topicClasspath().stream().map(Path::toString).toList();
    Outcome opened = worker.call(Request.open(classpath, settings.imports()), SETUP_TIMEOUT);
    return switch (opened) {
      case Outcome.Answered(Reply reply) -> Optional.ofNullable(reply.problem());
      case Outcome.TimedOut t -> {
        discardWorker();
        yield Optional.of(
            "the notebook JVM did not set up a shell within " + seconds(SETUP_TIMEOUT));
      }
      case Outcome.Exited(int code, String lastWords, String stderr) -> {
        worker = null;
        yield Optional.of(
            "the notebook JVM exited with status " + code + " while starting" + excerpt(stderr));
      }
    };
  }

  private CellResult evaluate(Cell cell) throws InterruptedException {
    Duration limit = cell.flags().timeout();
    Outcome outcome = worker.call(Request.eval(cell.source()), limit);
    return switch (outcome) {
      case Outcome.Answered(Reply reply) -> fromReply(reply);
      case Outcome.TimedOut t -> {
        discardWorker();
        yield new CellResult.TimedOut(limit);
      }
      case Outcome.Exited(int code, String lastWords, String stderr) -> {
        worker = null;
        yield new CellResult.Died(lastWords, code);
      }
    };
  }

  private static CellResult fromReply(Reply reply) {
    String output = reply.output() == null ? "" : reply.output();
    Ending ending = reply.ending() == null ? Ending.COMPLETED : reply.ending();
    return switch (ending) {
      case COMPLETED -> new CellResult.Completed(output);
      case THREW -> new CellResult.Threw(output, reply.exceptionClass());
      case REJECTED ->
          new CellResult.Rejected(
              output, reply.errorKeys() == null ? List.of() : reply.errorKeys());
    };
  }

  private static String excerpt(String stderr) {
    String first = stderr.lines().limit(3).reduce((a, b) -> a + " / " + b).orElse("");
    return first.isEmpty() ? "" : " (" + first + ")";
  }

  static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  private void discardWorker() {
    if (worker != null) {
      worker.kill();
      worker.close();
      worker = null;
    }
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }
}
