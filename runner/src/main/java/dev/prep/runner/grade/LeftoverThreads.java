package dev.prep.runner.grade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * After the grader: threads the learner started that are still running. They get a short grace to
 * finish (an executor shut down without awaitTermination is a moment from done); whatever remains
 * is named, with the test that started it, and the worker is retired.
 */
final class LeftoverThreads {
  private static final long GRACE_MILLIS = 300;

  private final ResultListener listener;
  private final CourseFrames frames;
  private final Thread watchdog;

  LeftoverThreads(ResultListener listener, CourseFrames frames, Thread watchdog) {
    this.listener = listener;
    this.frames = frames;
    this.watchdog = watchdog;
  }

  /** A LEAKED_THREADS hazard, or null when every thread the learner started has ended. */
  Hazard find() {
    Map<String, List<Thread>> byName = stillRunning();
    if (byName.isEmpty()) {
      return null;
    }
    List<Hazard.ThreadSnapshot> running = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int count = 0;
    for (var group : byName.entrySet()) {
      Thread first = group.getValue().getFirst();
      int size = group.getValue().size();
      count += size;
      String origin = listener.origin(first);
      names.add(
          "\""
              + group.getKey()
              + "\""
              + (size == 1 ? "" : " ×" + size)
              + (origin == null ? "" : " (started in \"" + origin + "\")"));
      var snapshot = frames.snapshot(first, first.getStackTrace());
      running.add(
          snapshot != null
              ? snapshot
              : new Hazard.ThreadSnapshot(
                  first.getName(), first.getState().name(), null, List.of()));
    }
    String summary =
        count
            + (count == 1 ? " thread was" : " threads were")
            + " still running after the grader finished: "
            + String.join(", ", names)
            + ". Shut down executors (shutdown, then awaitTermination) and join the threads you"
            + " start; the next check gets a fresh JVM.";
    return new Hazard(Hazard.Kind.LEAKED_THREADS, summary, null, running);
  }

  /** New threads still alive after the grace, grouped by name, oldest first. */
  private Map<String, List<Thread>> stillRunning() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    List<Thread> candidates = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread != watchdog && !listener.existedBefore(thread) && !ignorable(thread)) {
        candidates.add(thread);
      }
    }
    candidates.sort(Comparator.comparingLong(Thread::threadId));
    Map<String, List<Thread>> byName = new LinkedHashMap<>();
    for (Thread thread : candidates) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (thread.isAlive()) {
        byName.computeIfAbsent(thread.getName(), name -> new ArrayList<>()).add(thread);
      }
    }
    return byName;
  }

  /** JDK and JUnit housekeeping threads that start lazily and live on harmlessly. */
  private static boolean ignorable(Thread thread) {
    String name = thread.getName();
    ThreadGroup group = thread.getThreadGroup();
    return !thread.isAlive()
        || group == null
        || group.getName().equals("system")
        || group.getName().equals("InnocuousThreadGroup")
        || group.getName().equals("CarrierThreads") // the virtual-thread scheduler's own threads
        || name.startsWith("ForkJoinPool.commonPool-worker")
        || name.startsWith("junit-")
        || name.equals("process reaper");
  }
}
