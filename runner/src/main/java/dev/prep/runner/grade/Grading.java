package dev.prep.runner.grade;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Grades submissions in a worker JVM that stays warm between requests and is replaced after any
 * hazard (a hang, a deadlock, System.exit, OutOfMemoryError, leaked threads). Not thread-safe for
 * concurrent grading: calls are serialized.
 */
public final class Grading implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Grading.class.getName());

  /** Starting a JVM and compiling: generous, since a cold start on a busy laptop is slow. */
  private static final long COMPILE_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** How long after the worker's own deadline the runner stops waiting and kills it. */
  private static final long KILL_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

  private final WorkerSettings settings;
  private WorkerProcess worker;

  public Grading(WorkerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Starts the worker now, so the JVM start and compiler warm-up overlap other work. */
  public synchronized void warmUp() {
    try {
      ensureWorker(List.of(), WorkerKind.DEFAULT);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "could not start the grading worker early", e);
    }
  }

  /**
   * Compiles and runs one submission. Never throws for anything the learner's code does: every
   * problem ends in the report.
   */
  public synchronized GradeReport grade(GradeRequest request) {
    long start = System.nanoTime();
    var report = new ReportBuilder(request.exerciseId());
    WorkerProcess current;
    try {
      current = ensureWorker(request.classpath(), kindFor(request));
    } catch (IOException e) {
      report.hazard(
          crash("could not start " + settings.javaExecutable() + ": " + e.getMessage(), null));
      return report.build(since(start));
    }
    if (!current.send(toMessage(request))) {
      discardWorker();
      return retryOnce(request, start);
    }
    try {
      await(current, request, report, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.hazard(crash("grading was interrupted", report.runningTest()));
    }
    if (!report.workerReusable()) {
      replaceWorker(request.classpath(), kindFor(request));
    }
    GradeReport result = report.build(since(start));
    LOG.log(
        Level.DEBUG,
        () ->
            "graded %s: %s in %d ms (javac %d ms, worker %d)"
                .formatted(
                    request.exerciseId(),
                    result.status(),
                    result.elapsed().toMillis(),
                    report.compileMillis(),
                    current.pid()));
    return result;
  }

  /** A warm worker that died between requests (killed, or machine asleep) gets one more chance. */
  private GradeReport retryOnce(GradeRequest request, long start) {
    var report = new ReportBuilder(request.exerciseId());
    try {
      WorkerProcess fresh = ensureWorker(request.classpath(), kindFor(request));
      if (fresh.send(toMessage(request))) {
        await(fresh, request, report, start);
      } else {
        report.hazard(crash("the grading JVM did not accept the request: " + fresh.stderr(), null));
      }
    } catch (IOException e) {
      report.hazard(
          crash("could not start " + settings.javaExecutable() + ": " + e.getMessage(), null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.hazard(crash("grading was interrupted", null));
    }
    if (!report.workerReusable()) {
      replaceWorker(request.classpath(), kindFor(request));
    }
    return report.build(since(start));
  }

  private void await(WorkerProcess current, GradeRequest request, ReportBuilder report, long start)
      throws InterruptedException {
    long deadline = start + COMPILE_BUDGET_NANOS;
    boolean planned = false;
    while (true) {
      WorkerMessage message = current.next(deadline - System.nanoTime());
      if (message == null) {
        current.kill();
        report.hazard(runnerTimeout(request, report));
        return;
      }
      if (report.accept(message)) {
        if (message instanceof WorkerMessage.Gone) {
          workerGone(current, report);
        }
        return;
      }
      if (!planned && report.planned()) {
        planned = true;
        deadline = System.nanoTime() + request.timeLimit().toNanos() + KILL_GRACE_NANOS;
      }
    }
  }

  /** The worker stopped without saying why: System.exit without a hook, Runtime.halt, a crash. */
  private static void workerGone(WorkerProcess gone, ReportBuilder report)
      throws InterruptedException {
    if (report.hasHazard()) {
      return;
    }
    Integer status = gone.exitStatus(2000);
    String stderr = gone.stderr();
    String test = report.runningTest();
    String during = test == null ? "" : " while \"" + test + "\" was running";
    if (stderr.contains("OutOfMemoryError")) {
      report.hazard(
          new Hazard(
              Hazard.Kind.OUT_OF_MEMORY,
              "The grading JVM ran out of memory"
                  + during
                  + ": a collection that grows without end, or far bigger data than the task"
                  + " needs?",
              test,
              List.of()));
    } else if (test != null) {
      report.hazard(
          new Hazard(
              Hazard.Kind.EXIT,
              "The grading JVM stopped"
                  + (status == null ? "" : " with status " + status)
                  + during
                  + ": does your code call System.exit or Runtime.halt? Return or throw instead.",
              test,
              List.of()));
    } else {
      report.hazard(
          crash(
              "the grading JVM stopped"
                  + (status == null ? "" : " with status " + status)
                  + (stderr.isEmpty() ? "" : ":\n" + stderr),
              null));
    }
  }

  private static Hazard runnerTimeout(GradeRequest request, ReportBuilder report) {
    String test = report.runningTest();
    if (!report.planned()) {
      return crash(
          "the grading JVM did not finish compiling within "
              + TimeUnit.NANOSECONDS.toSeconds(COMPILE_BUDGET_NANOS)
              + " s",
          null);
    }
    String limit = Watchdog.seconds(request.timeLimit().toNanos());
    String summary =
        (test == null ? "The grader" : "\"" + test + "\"")
            + " was still running after "
            + limit
            + " and the grading JVM stopped answering, so it was killed (no thread dump).";
    return new Hazard(Hazard.Kind.TIMEOUT, summary, test, List.of());
  }

  private static Hazard crash(String summary, String test) {
    return new Hazard(Hazard.Kind.WORKER_CRASH, summary, test, List.of());
  }

  private WorkerProcess ensureWorker(List<Path> classpath, WorkerKind kind) throws IOException {
    if (worker != null && !worker.kind().equals(kind)) {
      discardWorker();
    }
    if (worker == null || !worker.alive()) {
      discardWorker();
      worker = WorkerProcess.start(settings, classpath, kind);
      LOG.log(Level.DEBUG, "started grading worker {0}", worker.pid());
    }
    return worker;
  }

  /**
   * Retires a worker that hung, exited or was tainted, and starts its successor at once: in watch
   * mode it warms up while the learner edits; after a one-shot check, close() ends it unborn.
   */
  private void replaceWorker(List<Path> classpath, WorkerKind kind) {
    discardWorker();
    try {
      ensureWorker(classpath, kind);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "could not start a replacement grading worker", e);
    }
  }

  /**
   * Lincheck needs a worker of its own kind (see {@link WorkerProcess#start}); some exercises ask
   * for the optimizing compiler.
   */
  private static WorkerKind kindFor(GradeRequest request) {
    boolean lincheck =
        request.graderSources().stream()
            .anyMatch(s -> s.content().contains("org.jetbrains.lincheck"));
    return new WorkerKind(lincheck, request.fullJit());
  }

  private void discardWorker() {
    if (worker != null) {
      worker.kill();
      worker = null;
    }
  }

  private static WorkerMessage.Grade toMessage(GradeRequest request) {
    return new WorkerMessage.Grade(
        request.exerciseId(),
        request.learnerSources(),
        request.graderSources(),
        request.classpath().stream().map(Path::toString).toList(),
        request.timeLimit().toMillis());
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** The worker's process id, or -1 when none is running: lets tests see a worker replaced. */
  public synchronized long workerPid() {
    return worker != null && worker.alive() ? worker.pid() : -1;
  }

  @Override
  public synchronized void close() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }
}
