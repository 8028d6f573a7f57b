package dev.prep.runner.course;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Discovers the course from the tree: every {@code topics/<id>/topic.toml}, every {@code
 * topics/<id>/notebooks/NN-name.md}. Nothing is listed in the runner itself.
 */
public final class CourseLoader {
  private static final Pattern NOTEBOOK_NAME = Pattern.compile("\\d{2,}-[a-z0-9-]+\\.md");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final TomlMapper TOML =
      TomlMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private CourseLoader() {}

  public static Course load(Path root) {
    Path topicsDir = root.resolve("topics");
    if (!Files.isDirectory(topicsDir)) {
      throw new CourseException(
          root + " has no topics/ folder: run prep from the Prep checkout (or set PREP_HOME).");
    }
    List<Topic> topics = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(topicsDir)) {
      for (Path dir :
          dirs.filter(d -> Files.isRegularFile(d.resolve("topic.toml"))).sorted().toList()) {
        topics.add(loadTopic(root, dir));
      }
    } catch (IOException e) {
      throw new CourseException("cannot read " + topicsDir + ": " + e.getMessage(), e);
    }
    topics.sort(java.util.Comparator.comparingInt(Topic::order).thenComparing(Topic::id));
    return new Course(root, topics);
  }

  static Topic loadTopic(Path root, Path dir) {
    String id = dir.getFileName().toString();
    Path file = dir.resolve("topic.toml");
    String where = root.relativize(file).toString();
    TopicFile spec;
    try {
      spec = TOML.readValue(file.toFile(), TopicFile.class);
    } catch (JsonMappingException e) {
      var loc = e.getLocation();
      String line = loc == null ? "" : ":" + loc.getLineNr();
      throw new CourseException(where + line + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CourseException(where + ": " + e.getMessage(), e);
    }
    require(spec.title() != null, where, "needs a title");
    List<Demo> demos = new ArrayList<>();
    for (var d : orEmpty(spec.demos())) {
      require(
          d.name() != null && ID.matcher(d.name()).matches(),
          where,
          "demo name '" + d.name() + "' must be lowercase-with-dashes");
      require(d.className() != null, where, "demo '" + d.name() + "' needs a class");
      demos.add(
          new Demo(
              id,
              d.name(),
              Objects.requireNonNullElse(d.title(), d.name()),
              d.className(),
              orEmpty(d.jvmOptions())));
    }
    List<Exercise> exercises = new ArrayList<>();
    for (var e : orEmpty(spec.exercises())) {
      exercises.add(exercise(id, where, e));
    }
    return new Topic(
        Objects.requireNonNullElse(spec.order(), Integer.MAX_VALUE),
        id,
        spec.title(),
        Objects.requireNonNullElse(spec.summary(), ""),
        root.relativize(dir),
        orEmpty(spec.imports()),
        notebooks(root, dir, id),
        demos,
        exercises);
  }

  private static Exercise exercise(String topic, String where, TopicFile.ExerciseEntry e) {
    String name = e.name();
    require(
        name != null && ID.matcher(name).matches(),
        where,
        "exercise name '" + name + "' must be lowercase-with-dashes");
    String what = "exercise '" + name + "'";
    require(e.title() != null, where, what + " needs a title");
    require(e.grader() != null, where, what + " needs a grader class");
    require(e.files() != null && !e.files().isEmpty(), where, what + " needs files");
    Difficulty difficulty;
    try {
      difficulty =
          Difficulty.valueOf(
              Objects.requireNonNullElse(e.difficulty(), "medium").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException ex) {
      throw new CourseException(
          where
              + ": "
              + what
              + " has difficulty '"
              + e.difficulty()
              + "': use easy, medium or hard",
          ex);
    }
    Duration limit;
    try {
      limit = Durations.parse(Objects.requireNonNullElse(e.timeLimit(), "10s"));
    } catch (IllegalArgumentException ex) {
      throw new CourseException(where + ": " + what + ": time-limit " + ex.getMessage(), ex);
    }
    int runs = Objects.requireNonNullElse(e.runs(), 1);
    require(runs >= 1, where, what + " needs runs >= 1");
    return new Exercise(
        topic,
        name,
        e.title(),
        difficulty,
        e.notebook(),
        limit,
        e.files(),
        orEmpty(e.uses()),
        e.grader(),
        runs,
        orEmpty(e.hints()),
        Boolean.TRUE.equals(e.fullJit()));
  }

  private static List<NotebookRef> notebooks(Path root, Path dir, String topic) {
    Path nbDir = dir.resolve("notebooks");
    if (!Files.isDirectory(nbDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(nbDir)) {
      return files
          .filter(f -> NOTEBOOK_NAME.matcher(f.getFileName().toString()).matches())
          .sorted()
          .map(f -> new NotebookRef(topic, stem(f), root.relativize(f)))
          .toList();
    } catch (IOException e) {
      throw new CourseException("cannot read " + nbDir + ": " + e.getMessage(), e);
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".md".length());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static void require(boolean ok, String where, String what) {
    if (!ok) {
      throw new CourseException(where + ": " + what);
    }
  }
}
