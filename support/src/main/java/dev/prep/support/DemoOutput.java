package dev.prep.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a demo's main in this JVM and returns what it printed: for the demos' tests. */
public final class DemoOutput {

  private DemoOutput() {}

  /** A demo's {@code main}. */
  @FunctionalInterface
  public interface Main {
    void run(String[] args) throws Throwable;
  }

  /** What {@code main} printed to {@code System.out} when run with {@code args}. */
  public static String of(Main main, String... args) throws Throwable {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      main.run(args);
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
