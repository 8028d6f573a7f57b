package dev.prep.runner.course;

import java.util.List;

/** A runnable demo: a class with a {@code main} method, run in its own JVM. */
public record Demo(
    String topic, String name, String title, String className, List<String> jvmOptions) {

  public Demo {
    jvmOptions = List.copyOf(jvmOptions);
  }
}
