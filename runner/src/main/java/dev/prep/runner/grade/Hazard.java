package dev.prep.runner.grade;

import java.util.List;

/**
 * Something that stopped grading or left the worker unfit for the next run.
 *
 * @param kind what happened
 * @param summary one or two sentences for the learner, naming the test and what to look at
 * @param testName the test that was running, or null
 * @param threads the learner's threads with their frames in the learner's (and grader's) files
 */
public record Hazard(Kind kind, String summary, String testName, List<ThreadSnapshot> threads) {

  public Hazard {
    threads = threads == null ? List.of() : List.copyOf(threads);
  }

  /** The hazards the worker knows how to report. */
  public enum Kind {
    TIMEOUT("Timed out"),
    DEADLOCK("Deadlock"),
    EXIT("The JVM was told to exit"),
    OUT_OF_MEMORY("Out of memory"),
    LEAKED_THREADS("Threads left running"),
    WORKER_CRASH("The grading JVM stopped");

    private final String title;

    Kind(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /**
   * One thread of a trimmed thread dump.
   *
   * @param name the thread's name
   * @param state its state (RUNNABLE, BLOCKED, ...)
   * @param waitingFor the lock it waits for and who holds it, or null
   * @param frames frames in course files, innermost first, as {@code path:line in Class.method}
   */
  public record ThreadSnapshot(String name, String state, String waitingFor, List<String> frames) {
    public ThreadSnapshot {
      frames = List.copyOf(frames);
    }
  }
}
