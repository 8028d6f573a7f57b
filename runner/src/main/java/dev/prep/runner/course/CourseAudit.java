package dev.prep.runner.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Checks that the catalog and the tree agree: what {@code prep dev check} reports. */
public final class CourseAudit {
  private CourseAudit() {}

  /** Every problem found, one sentence each naming the file; empty when the course is whole. */
  public static List<String> audit(Course course) {
    List<String> problems = new ArrayList<>();
    Path root = course.root();
    for (Topic topic : course.topics()) {
      Set<String> names = new HashSet<>();
      Set<Path> claimedFiles = new HashSet<>();
      Set<Path> claimedGraders = new HashSet<>();
      Set<Path> allFiles = new HashSet<>();
      topic.exercises().forEach(e -> allFiles.addAll(e.files().stream().map(Path::of).toList()));
      for (Exercise e : topic.exercises()) {
        for (String used : e.uses()) {
          if (!allFiles.contains(Path.of(used)) || e.files().contains(used)) {
            problems.add(e.id() + " uses " + used + ", which is no other exercise's file");
          }
        }
        if (!names.add(e.name())) {
          problems.add(e.id() + " is declared twice in " + topic.dir().resolve("topic.toml"));
        }
        requireFiles(root, e.stubPaths(), e.id() + " has no stub ", problems);
        requireFiles(root, e.solutionPaths(), e.id() + " has no solution ", problems);
        requireFiles(root, List.of(e.graderPath()), e.id() + " has no grader ", problems);
        claimedFiles.addAll(e.files().stream().map(Path::of).toList());
        claimedGraders.add(e.graderPath());
        if (e.hints().isEmpty()) {
          problems.add(
              e.id() + " has no hint: give at least one in " + topic.dir().resolve("topic.toml"));
        }
        if (e.notebook() != null && topic.notebook(e.notebook()).isEmpty()) {
          problems.add(
              e.id()
                  + " practises notebook '"
                  + e.notebook()
                  + "', which "
                  + topic.dir().resolve("notebooks")
                  + " does not have");
        }
      }
      Set<Path> stubs = javaFiles(root.resolve("exercises").resolve(topic.id()));
      Set<Path> solutions = javaFiles(root.resolve("solutions").resolve(topic.id()));
      for (Path p : union(stubs, solutions)) {
        if (!stubs.contains(p)) {
          problems.add(
              "solutions/"
                  + topic.id()
                  + "/"
                  + p
                  + " has no twin in exercises/"
                  + topic.id()
                  + "/");
        } else if (!solutions.contains(p)) {
          problems.add(
              "exercises/"
                  + topic.id()
                  + "/"
                  + p
                  + " has no twin in solutions/"
                  + topic.id()
                  + "/");
        } else if (!claimedFiles.contains(p)) {
          problems.add(
              "exercises/"
                  + topic.id()
                  + "/"
                  + p
                  + " belongs to no exercise: list it in "
                  + topic.dir().resolve("topic.toml"));
        }
      }
      Path graderRoot = topic.dir().resolve("src/grader/java");
      for (Path g : javaFiles(root.resolve(graderRoot))) {
        Path rel = graderRoot.resolve(g);
        if (g.getFileName().toString().endsWith("Test.java") && !claimedGraders.contains(rel)) {
          problems.add(
              rel
                  + " grades no exercise: name it as a grader in "
                  + topic.dir().resolve("topic.toml"));
        }
      }
      for (Demo d : topic.demos()) {
        Path cls =
            root.resolve(topic.dir())
                .resolve("target/classes")
                .resolve(d.className().replace('.', '/') + ".class");
        if (!Files.isRegularFile(cls)) {
          problems.add(
              "demo "
                  + topic.id()
                  + "/"
                  + d.name()
                  + ": class "
                  + d.className()
                  + " is not compiled in "
                  + topic.dir());
        }
      }
    }
    return problems;
  }

  private static void requireFiles(
      Path root, List<Path> files, String what, List<String> problems) {
    for (Path f : files) {
      if (!Files.isRegularFile(root.resolve(f))) {
        problems.add(what + f);
      }
    }
  }

  private static Set<Path> javaFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".java"))
          .map(dir::relativize)
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<Path> union(Set<Path> a, Set<Path> b) {
    Set<Path> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
