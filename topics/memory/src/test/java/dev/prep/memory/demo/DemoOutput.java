package dev.prep.memory.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a demo's main in this JVM and returns what it printed. */
final class DemoOutput {

  private DemoOutput() {}

  interface Main {
    void run(String[] args) throws Throwable;
  }

  static String of(Main main) throws Throwable {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      main.run(new String[0]);
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
