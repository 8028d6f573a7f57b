package dev.prep.runner.course;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The shape of {@code topics/<topic>/topic.toml}, as authors write it. */
record TopicFile(
    Integer order,
    String title,
    String summary,
    List<String> imports,
    List<DemoEntry> demos,
    List<ExerciseEntry> exercises) {

  record DemoEntry(
      String name,
      @JsonProperty("class") String className,
      String title,
      @JsonProperty("jvm-options") List<String> jvmOptions) {}

  record ExerciseEntry(
      String name,
      String title,
      String difficulty,
      String notebook,
      @JsonProperty("time-limit") String timeLimit,
      List<String> files,
      List<String> uses,
      String grader,
      Integer runs,
      List<String> hints,
      @JsonProperty("full-jit") Boolean fullJit) {}
}
