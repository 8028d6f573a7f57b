package dev.prep.runner.session;

import dev.prep.runner.course.CourseException;
import dev.prep.runner.course.Exercise;
import dev.prep.runner.grade.GradeRequest;
import dev.prep.runner.grade.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which version of an exercise's files is graded. */
public enum Submission {
  /** The learner's files in {@code exercises/}, as they are now. */
  LEARNER,
  /** The reference files in {@code solutions/}. */
  SOLUTION,
  /** The stubs as committed: what {@code prep verify --stubs} proves fails. */
  COMMITTED_STUB;

  /** Reads this submission's files and the grader into a request for the grading worker. */
  public GradeRequest request(Session session, Exercise exercise) {
    Path root = session.root();
    List<Path> paths =
        new ArrayList<>(this == SOLUTION ? exercise.solutionPaths() : exercise.stubPaths());
    paths.addAll(this == SOLUTION ? exercise.usedSolutionPaths() : exercise.usedStubPaths());
    List<SourceFile> sources = new ArrayList<>();
    try {
      for (Path p : paths) {
        String text =
            this == COMMITTED_STUB
                ? Pristine.committedOrCurrent(root, p)
                : Files.readString(root.resolve(p));
        sources.add(new SourceFile(slashes(p), text));
      }
      Path grader = exercise.graderPath();
      var graderSource = new SourceFile(slashes(grader), Files.readString(root.resolve(grader)));
      var topic = session.course().topic(exercise.topic());
      return new GradeRequest(
          exercise.id(),
          sources,
          List.of(graderSource),
          session.course().topicClasspath(topic),
          exercise.timeLimit(),
          exercise.fullJit());
    } catch (NoSuchFileException e) {
      throw new CourseException(
          e.getFile()
              + " is missing: restore it with prep reset "
              + exercise.id()
              + " (or git checkout)",
          e);
    } catch (IOException e) {
      throw new CourseException(
          "cannot read the files of " + exercise.id() + ": " + e.getMessage(), e);
    }
  }

  private static String slashes(Path p) {
    return p.toString().replace('\\', '/');
  }
}
