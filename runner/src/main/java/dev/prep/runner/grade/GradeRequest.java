package dev.prep.runner.grade;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One grading: the learner's files, the grader that judges them, what they compile against, and how
 * long the grader may run.
 *
 * @param exerciseId the exercise's id, for reports
 * @param learnerSources the learner's files
 * @param graderSources the grader's files; each declares one top-level test class
 * @param classpath the topic's classes and its libraries, including junit-jupiter-api and assertj
 * @param timeLimit how long the worker may take for the whole request, compiling included
 * @param fullJit grade in a worker with HotSpot's optimizing compiler (C2), not C1 only
 */
public record GradeRequest(
    String exerciseId,
    List<SourceFile> learnerSources,
    List<SourceFile> graderSources,
    List<Path> classpath,
    Duration timeLimit,
    boolean fullJit) {

  /** A request graded by the usual C1-only worker. */
  public GradeRequest(
      String exerciseId,
      List<SourceFile> learnerSources,
      List<SourceFile> graderSources,
      List<Path> classpath,
      Duration timeLimit) {
    this(exerciseId, learnerSources, graderSources, classpath, timeLimit, false);
  }

  public GradeRequest {
    Objects.requireNonNull(exerciseId, "exerciseId");
    learnerSources = List.copyOf(learnerSources);
    graderSources = List.copyOf(graderSources);
    classpath = List.copyOf(classpath);
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
    }
  }
}
