package dev.prep.runner.grade;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs beside the grader in the worker. At the time limit, or as soon as threads deadlock, it
 * reports the running test and the learner's threads, then halts the worker: a stuck thread cannot
 * be stopped in JDK 25, only abandoned with its JVM.
 */
final class Watchdog extends Thread {
  static final int HALT_STATUS = 70;
  private static final long TICK_MILLIS = 20;
  private static final int DEADLOCK_CHECK_EVERY = 10;

  private final long limitNanos;
  private final ResultListener listener;
  private final CourseFrames frames;
  private final Channel channel;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final long startNanos;
  private volatile boolean finished;
  private ThreadInfo[] suspected;

  Watchdog(
      long startNanos,
      long limitMillis,
      ResultListener listener,
      CourseFrames frames,
      Channel channel) {
    super("prep-watchdog");
    this.startNanos = startNanos;
    setDaemon(true);
    this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    this.listener = listener;
    this.frames = frames;
    this.channel = channel;
  }

  void finish() {
    finished = true;
    interrupt();
  }

  @Override
  public void run() {
    for (int tick = 1; !finished; tick++) {
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      if (tick % DEADLOCK_CHECK_EVERY == 0) {
        ThreadInfo[] stuck = deadlocked();
        if (stuck != null && suspected != null && sameThreads(stuck, suspected) && !finished) {
          halt(deadlock(stuck));
        }
        suspected = stuck;
      }
      if (System.nanoTime() - startNanos > limitNanos && !finished) {
        halt(timeout());
      }
    }
  }

  /**
   * Threads in a lock cycle, all blocked for good: a thread in a timed wait (tryLock with a
   * timeout) will give up by itself, so it is not a deadlock yet. Reported only when the same
   * threads are still stuck at the next check.
   */
  private ThreadInfo[] deadlocked() {
    long[] ids = threads.findDeadlockedThreads();
    if (ids == null) {
      return null;
    }
    ThreadInfo[] infos = threads.getThreadInfo(ids, true, true);
    for (ThreadInfo info : infos) {
      if (info == null || info.getThreadState() == Thread.State.TIMED_WAITING) {
        return null;
      }
    }
    return infos;
  }

  private static boolean sameThreads(ThreadInfo[] now, ThreadInfo[] before) {
    return Arrays.stream(now)
        .mapToLong(ThreadInfo::getThreadId)
        .sorted()
        .boxed()
        .toList()
        .equals(Arrays.stream(before).mapToLong(ThreadInfo::getThreadId).sorted().boxed().toList());
  }

  private Hazard timeout() {
    String test = listener.runningName();
    String seconds = seconds(limitNanos);
    String summary =
        test == null
            ? "The grader was still running after " + seconds + "."
            : "\""
                + test
                + "\" was still running after "
                + seconds
                + ": an infinite loop, or waiting for something that never happens?";
    List<Hazard.ThreadSnapshot> dump = frames.dump();
    if (dump.isEmpty()) {
      summary += " No thread was inside your files at that moment.";
    }
    return new Hazard(Hazard.Kind.TIMEOUT, summary, test, dump);
  }

  private Hazard deadlock(ThreadInfo[] infos) {
    String test = listener.runningName();
    List<String> names =
        Arrays.stream(infos).map(info -> "\"" + info.getThreadName() + "\"").toList();
    String summary =
        "Threads "
            + String.join(" and ", names)
            + " are deadlocked"
            + (test == null ? "" : " in \"" + test + "\"")
            + ": each waits for a lock another one holds. Take locks in one fixed order, or use"
            + " tryLock with a timeout.";
    return new Hazard(
        Hazard.Kind.DEADLOCK, summary, test, Arrays.stream(infos).map(frames::snapshot).toList());
  }

  private void halt(Hazard hazard) {
    channel.send(new WorkerMessage.HazardFound(hazard));
    Runtime.getRuntime().halt(HALT_STATUS);
  }

  static String seconds(long nanos) {
    double seconds = nanos / 1e9;
    return (seconds == Math.rint(seconds)
            ? String.valueOf((long) seconds)
            : String.format(java.util.Locale.ROOT, "%.1f", seconds))
        + " s";
  }
}
