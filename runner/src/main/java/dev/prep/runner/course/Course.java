package dev.prep.runner.course;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything the runner knows about the course, discovered from the tree by {@link CourseLoader}.
 *
 * @param root the checkout's root folder; every other path is relative to it
 */
public record Course(Path root, List<Topic> topics) {

  public Course {
    topics = List.copyOf(topics);
  }

  public Stream<Exercise> exercises() {
    return topics.stream().flatMap(t -> t.exercises().stream());
  }

  public Topic topic(String id) {
    return topics.stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new CourseException(
                    "no topic '"
                        + id
                        + "'"
                        + didYouMean(id, topics.stream().map(Topic::id).toList())
                        + " (topics: "
                        + String.join(", ", topics.stream().map(Topic::id).toList())
                        + ")"));
  }

  /**
   * Finds an exercise by its id ({@code slices/append-growth}) or, when unambiguous, by its bare
   * name ({@code append-growth}).
   */
  public Exercise exercise(String id) {
    Optional<Exercise> exact = exercises().filter(e -> e.id().equals(id)).findFirst();
    if (exact.isPresent()) {
      return exact.get();
    }
    List<Exercise> byName = exercises().filter(e -> e.name().equals(id)).toList();
    if (byName.size() == 1) {
      return byName.getFirst();
    }
    List<String> ids = exercises().map(Exercise::id).toList();
    if (byName.size() > 1) {
      throw new CourseException(
          "'"
              + id
              + "' is ambiguous: say "
              + String.join(" or ", byName.stream().map(Exercise::id).toList()));
    }
    String hint = didYouMean(id, ids);
    throw new CourseException(
        "no exercise '" + id + "'" + (hint.isEmpty() ? ": run prep list to see them all" : hint));
  }

  /** The class path a topic's notebooks, demos and graders need: its classes and libraries. */
  public List<Path> topicClasspath(Topic topic) {
    return moduleClasspath(root.resolve(topic.dir()));
  }

  /** A built module's classes and the libraries its {@code target/classpath.txt} lists. */
  public static List<Path> moduleClasspath(Path module) {
    Path target = module.resolve("target");
    Path classes = target.resolve("classes");
    Path listing = target.resolve("classpath.txt");
    if (!Files.isDirectory(classes) || !Files.isRegularFile(listing)) {
      throw new CourseException(
          module.getParent().getFileName()
              + "/"
              + module.getFileName()
              + " is not built yet: run ./prep (it builds what is missing) or ./mvnw -q install -DskipTests");
    }
    List<Path> path = new ArrayList<>();
    path.add(classes);
    path.addAll(readClasspathFile(listing));
    return path;
  }

  /**
   * Every library jar any built topic uses, in a stable order: the grading worker starts with these
   * on its own class path, so one AOT cache fits every topic and tools that load through the system
   * class loader (Lincheck) find their classes; a topic's own classes still load per request.
   */
  public static List<Path> workerLibraries(Path root) {
    Set<Path> jars = new LinkedHashSet<>();
    try (Stream<Path> modules = Files.list(root.resolve("topics"))) {
      for (Path module : modules.sorted().toList()) {
        Path listing = module.resolve("target").resolve("classpath.txt");
        if (Files.isRegularFile(listing)) {
          readClasspathFile(listing).stream()
              .filter(p -> p.toString().endsWith(".jar"))
              .forEach(jars::add);
        }
      }
    } catch (IOException e) {
      throw new CourseException("cannot read " + root.resolve("topics") + ": " + e.getMessage(), e);
    }
    return List.copyOf(jars);
  }

  /** The compiled reference solutions (where the benchmarks live as well). */
  public Path solutionClasses() {
    return root.resolve("solutions").resolve("target").resolve("classes");
  }

  static List<Path> readClasspathFile(Path listing) {
    try {
      String text = Files.readString(listing).strip();
      if (text.isEmpty()) {
        return List.of();
      }
      return Stream.of(text.split(File.pathSeparator)).map(Path::of).toList();
    } catch (IOException e) {
      throw new CourseException("cannot read " + listing + ": " + e.getMessage(), e);
    }
  }

  /** {@code ": did you mean slices/append-growth?"}, or empty when nothing is close. */
  public static String didYouMean(String typed, List<String> candidates) {
    return candidates.stream()
        .map(
            c ->
                new Candidate(
                    c,
                    Math.min(distance(typed, c), distance(typed, c.substring(c.indexOf('/') + 1)))))
        .filter(c -> c.distance() <= Math.max(2, typed.length() / 3))
        .min(Comparator.comparingInt(Candidate::distance))
        .map(c -> ": did you mean " + c.name() + "?")
        .orElse("");
  }

  private record Candidate(String name, int distance) {}

  /** Levenshtein distance, case-sensitive. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
