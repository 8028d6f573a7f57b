package dev.prep.runner.grade;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/** One request inside the worker: compile, load, run the grader, check for leftover threads. */
final class GraderRun {
  private final WorkerMessage.Grade request;
  private final Channel channel;
  private final OutputCapture capture;
  private volatile ResultListener listener;
  private volatile CourseFrames frames = CourseFrames.none();

  GraderRun(WorkerMessage.Grade request, Channel channel, OutputCapture capture) {
    this.request = request;
    this.channel = channel;
    this.capture = capture;
  }

  /** The running test's name, or null: for the exit hook. */
  String runningName() {
    ResultListener current = listener;
    return current == null ? null : current.runningName();
  }

  /** Called from the exit hook: which test called System.exit, and from which line. */
  Hazard exitHazard() {
    String test = runningName();
    String caller = null;
    for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
      boolean exiting = false;
      for (StackTraceElement frame : stack) {
        exiting |=
            frame.getClassName().equals("java.lang.Runtime")
                && frame.getMethodName().equals("exit");
        if (exiting && frames.isCourse(frame)) {
          caller = frames.location(frame);
          break;
        }
      }
      if (caller != null) {
        break;
      }
    }
    String summary =
        (test == null ? "The grader" : "\"" + test + "\"")
            + " called System.exit"
            + (caller == null ? "" : " at " + caller)
            + ", which stops the whole JVM and every test with it. Return a value or throw an"
            + " exception instead.";
    return new Hazard(Hazard.Kind.EXIT, summary, test, List.of());
  }

  /** Runs the request; returns whether the worker is tainted (threads left running). */
  boolean run(InMemoryCompiler compiler, ClassLoader libraries, Launcher launcher) {
    long start = System.nanoTime();
    List<SourceFile> sources = new ArrayList<>(request.learnerSources());
    sources.addAll(request.graderSources());
    var compiled = compiler.compile(sources, request.classpath().stream().map(Path::of).toList());
    channel.send(new WorkerMessage.Compiled(compiled.ok(), compiled.diagnostics(), millis(start)));
    if (!compiled.ok()) {
      channel.send(new WorkerMessage.Done(millis(start), false, null));
      return false;
    }
    var frames =
        new CourseFrames(
            pathsByClass(request.learnerSources()), pathsByClass(request.graderSources()));
    this.frames = frames;
    var sourceOrder = new SourceOrder(request.graderSources());
    var loader = new CompiledClassLoader(compiled.classes(), sourceOrder, libraries);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    WorkerSystemLoader.submission(loader);
    try {
      return execute(loader, sourceOrder, frames, launcher, start);
    } finally {
      WorkerSystemLoader.submission(null);
      thread.setContextClassLoader(previous);
    }
  }

  private boolean execute(
      ClassLoader loader,
      SourceOrder sourceOrder,
      CourseFrames frames,
      Launcher launcher,
      long start) {
    var discovery = LauncherDiscoveryRequestBuilder.request();
    for (SourceFile grader : request.graderSources()) {
      try {
        discovery.selectors(selectClass(loader.loadClass(grader.className())));
      } catch (ClassNotFoundException | LinkageError e) {
        String problem =
            grader.path() + " should declare class " + grader.className() + " (" + e + ")";
        channel.send(new WorkerMessage.Done(millis(start), false, problem));
        return false;
      }
    }
    var plan = launcher.discover(configured(discovery).build());
    var current =
        new ResultListener(plan, sourceOrder, channel, capture, new FailureDescriber(frames));
    current.noteExistingThreads();
    listener = current;
    channel.send(current.planMessage());
    // the limit runs from the request, compile included: the learner waits for all of it
    var watchdog = new Watchdog(start, request.timeLimitMillis(), current, frames, channel);
    watchdog.start();
    try {
      launcher.execute(plan, current);
    } catch (OutOfMemoryError oom) {
      watchdog.finish();
      outOfMemory(oom, frames, current.runningName());
    } finally {
      watchdog.finish();
    }
    listener = null;
    Hazard leftovers = new LeftoverThreads(current, frames, watchdog).find();
    if (leftovers != null) {
      channel.send(new WorkerMessage.HazardFound(leftovers));
    }
    channel.send(new WorkerMessage.Done(millis(start), leftovers != null, null));
    return leftovers != null;
  }

  /**
   * The configuration every run in the worker shares, the warm-up's included. jqwik's engine is on
   * the worker's class path whenever a built topic uses it, so it takes part in every run; an empty
   * {@code jqwik.database} keeps it from writing {@code .jqwik-database} into the directory prep
   * was started from.
   */
  static LauncherDiscoveryRequestBuilder configured(LauncherDiscoveryRequestBuilder request) {
    return request
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
        .configurationParameter(
            "junit.jupiter.testmethod.order.default", SourceMethodOrder.class.getName())
        .configurationParameter("jqwik.database", "");
  }

  /** JUnit rethrows OutOfMemoryError; by now the learner's objects are unreachable again. */
  private void outOfMemory(OutOfMemoryError oom, CourseFrames frames, String test) {
    String where = frames.firstLocation(oom);
    String summary =
        (test == null ? "The grader" : "\"" + test + "\"")
            + " ran out of memory ("
            + oom.getMessage()
            + ")"
            + (where == null ? "" : " at " + where)
            + ": a collection that grows without end, or far bigger data than the task needs?"
            + " The grading JVM has a heap of "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MB.";
    channel.send(
        new WorkerMessage.HazardFound(
            new Hazard(Hazard.Kind.OUT_OF_MEMORY, summary, test, List.of())));
    Runtime.getRuntime().halt(Watchdog.HALT_STATUS);
  }

  private static Map<String, String> pathsByClass(List<SourceFile> files) {
    Map<String, String> paths = new HashMap<>();
    for (SourceFile file : files) {
      paths.put(file.className(), file.path());
    }
    return paths;
  }

  private static long millis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
