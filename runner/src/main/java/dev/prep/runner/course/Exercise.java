package dev.prep.runner.course;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One graded exercise: stub files under {@code exercises/<topic>/}, their twins under {@code
 * solutions/<topic>/}, and one grader class in the topic module's {@code src/grader/java}.
 *
 * @param files the files the learner edits, relative to {@code exercises/<topic>/} (and {@code
 *     solutions/<topic>/})
 * @param uses files of earlier exercises this one builds on: compiled with it from the same tree,
 *     but never reset, watched or diffed as part of it
 * @param runs how many times {@code prep verify --solutions} runs the grader (concurrent graders)
 * @param fullJit grade with HotSpot's optimizing compiler (C2), for graders that must see what it
 *     does to plain fields; other exercises grade in a C1-only worker, which starts faster
 */
public record Exercise(
    String topic,
    String name,
    String title,
    Difficulty difficulty,
    String notebook,
    Duration timeLimit,
    List<String> files,
    List<String> uses,
    String grader,
    int runs,
    List<String> hints,
    boolean fullJit) {

  public Exercise {
    files = List.copyOf(files);
    uses = List.copyOf(uses);
    hints = List.copyOf(hints);
  }

  /** The short, typeable id: {@code slices/append-growth}. */
  public String id() {
    return topic + "/" + name;
  }

  /** The learner's files, relative to the course root. */
  public List<Path> stubPaths() {
    return files.stream().map(f -> Path.of("exercises", topic, f)).toList();
  }

  /** The learner's versions of the files this exercise builds on, relative to the course root. */
  public List<Path> usedStubPaths() {
    return uses.stream().map(f -> Path.of("exercises", topic, f)).toList();
  }

  /** The reference versions of the files this exercise builds on. */
  public List<Path> usedSolutionPaths() {
    return uses.stream().map(f -> Path.of("solutions", topic, f)).toList();
  }

  /** The reference files, relative to the course root. */
  public List<Path> solutionPaths() {
    return files.stream().map(f -> Path.of("solutions", topic, f)).toList();
  }

  /** The grader's source file, relative to the course root. */
  public Path graderPath() {
    return Path.of("topics", topic, "src", "grader", "java", grader.replace('.', '/') + ".java");
  }
}
