package dev.prep.runner.course;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A topic module and everything the runner discovered in it.
 *
 * @param order where the topic comes in the course (its {@code topic.toml}'s {@code order})
 * @param dir the module directory, relative to the course root ({@code topics/slices})
 */
public record Topic(
    int order,
    String id,
    String title,
    String summary,
    Path dir,
    List<String> imports,
    List<NotebookRef> notebooks,
    List<Demo> demos,
    List<Exercise> exercises) {

  public Topic {
    imports = List.copyOf(imports);
    notebooks = List.copyOf(notebooks);
    demos = List.copyOf(demos);
    exercises = List.copyOf(exercises);
  }

  public Optional<NotebookRef> notebook(String idOrName) {
    return notebooks.stream()
        .filter(n -> n.id().equals(idOrName) || n.shortName().equals(idOrName))
        .findFirst();
  }

  public Optional<Demo> demo(String name) {
    return demos.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
