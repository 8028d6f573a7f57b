package dev.prep.runner.notebook;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One buffer for a cell's {@code System.out} and {@code System.err}, so both keep their order. The
 * local JShell engine prints to the process's streams, so the worker points them here for good.
 */
final class CapturedOutput {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  PrintStream stream() {
    return stream;
  }

  /** Everything printed since the last call, with line breaks as {@code \n}. */
  String take() {
    stream.flush();
    synchronized (bytes) {
      String text = bytes.toString(StandardCharsets.UTF_8);
      bytes.reset();
      return text.replace("\r\n", "\n");
    }
  }
}
