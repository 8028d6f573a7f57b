package dev.prep.runner.cli;

import dev.prep.runner.course.Course;
import dev.prep.runner.course.Exercise;
import dev.prep.runner.progress.Progress;
import java.util.Optional;

/** Which exercise comes next: the one the learner chose, else the first not yet done. */
final class Next {
  private Next() {}

  static Optional<Exercise> exercise(Course course, Progress progress) {
    if (progress.current() != null) {
      var chosen = course.exercises().filter(e -> e.id().equals(progress.current())).findFirst();
      if (chosen.isPresent() && !progress.isDone(chosen.get().id())) {
        return chosen;
      }
    }
    return course.exercises().filter(e -> !progress.isDone(e.id())).findFirst();
  }

  /** The first exercise after {@code current} that is not done, wrapping around. */
  static Optional<Exercise> after(Course course, Progress progress, Exercise current) {
    var all = course.exercises().toList();
    int at = all.indexOf(current);
    for (int i = 1; i <= all.size(); i++) {
      Exercise e = all.get((at + i) % all.size());
      if (!progress.isDone(e.id())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
