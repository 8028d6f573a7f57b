package dev.prep.runner.grade;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knows which classes came from which course file, so stack traces and thread dumps can be trimmed
 * to the frames a learner can act on.
 */
final class CourseFrames {
  private final Map<String, String> learnerPaths;
  private final Map<String, String> graderPaths;

  /** Maps from top-level class binary name to course path. */
  CourseFrames(Map<String, String> learnerPaths, Map<String, String> graderPaths) {
    this.learnerPaths = Map.copyOf(learnerPaths);
    this.graderPaths = Map.copyOf(graderPaths);
  }

  static CourseFrames none() {
    return new CourseFrames(Map.of(), Map.of());
  }

  boolean isLearner(StackTraceElement frame) {
    return learnerPaths.containsKey(topLevel(frame.getClassName()));
  }

  boolean isCourse(StackTraceElement frame) {
    String top = topLevel(frame.getClassName());
    return learnerPaths.containsKey(top) || graderPaths.containsKey(top);
  }

  Set<String> learnerClasses() {
    return learnerPaths.keySet();
  }

  /** {@code path:line} of a course frame, or null for a JDK or library frame. */
  String location(StackTraceElement frame) {
    String top = topLevel(frame.getClassName());
    String path = learnerPaths.getOrDefault(top, graderPaths.get(top));
    return path == null ? null : path + ":" + frame.getLineNumber();
  }

  /** The first learner frame of a throwable or its causes, else the first grader frame. */
  String firstLocation(Throwable thrown) {
    String grader = null;
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        if (isLearner(frame)) {
          return location(frame);
        }
        if (grader == null && isCourse(frame)) {
          grader = location(frame);
        }
      }
    }
    return grader;
  }

  /** Course frames of a stack, innermost first, as {@code path:line in Class.method}. */
  List<String> describe(StackTraceElement[] stack) {
    List<String> frames = new ArrayList<>();
    for (StackTraceElement frame : stack) {
      if (isCourse(frame) && frame.getLineNumber() > 0) {
        String simple = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
        String method =
            frame.getMethodName().startsWith("lambda$")
                ? "a lambda in " + frame.getMethodName().split("\\$")[1]
                : frame.getMethodName();
        frames.add(location(frame) + " in " + simple + "." + method);
      }
    }
    return frames;
  }

  /** A thread of a dump, or null when none of its frames is in a course file. */
  Hazard.ThreadSnapshot snapshot(Thread thread, StackTraceElement[] stack) {
    List<String> frames = describe(stack);
    return frames.isEmpty()
        ? null
        : new Hazard.ThreadSnapshot(thread.getName(), thread.getState().name(), null, frames);
  }

  /** A deadlocked thread with the lock it waits for and its owner. */
  Hazard.ThreadSnapshot snapshot(ThreadInfo info) {
    String waiting =
        info.getLockName() == null
            ? null
            : info.getLockName()
                + (info.getLockOwnerName() == null ? "" : " held by " + info.getLockOwnerName());
    return new Hazard.ThreadSnapshot(
        info.getThreadName(),
        info.getThreadState().name(),
        waiting,
        describe(info.getStackTrace()));
  }

  /** Every live thread with at least one course frame, except the caller's. */
  List<Hazard.ThreadSnapshot> dump() {
    List<Hazard.ThreadSnapshot> threads = new ArrayList<>();
    for (var entry : Thread.getAllStackTraces().entrySet()) {
      if (entry.getKey() != Thread.currentThread()) {
        var snapshot = snapshot(entry.getKey(), entry.getValue());
        if (snapshot != null) {
          threads.add(snapshot);
        }
      }
    }
    return threads;
  }

  static String topLevel(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }
}
