package dev.prep.runner.grade;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for {@code System.out} and {@code System.err} in the worker: keeps the first {@code
 * cap} bytes a test prints and counts the rest, so megabytes of output cost a counter, not memory.
 */
final class OutputCapture extends OutputStream {
  private final int cap;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long total;

  OutputCapture(int cap) {
    this.cap = cap;
  }

  /** Redirects both standard streams here; the caller keeps the originals. */
  void install() {
    var stream = new PrintStream(this, true, StandardCharsets.UTF_8);
    System.setOut(stream);
    System.setErr(stream);
  }

  @Override
  public synchronized void write(int b) {
    if (kept.size() < cap) {
      kept.write(b);
    }
    total++;
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    int room = Math.max(0, Math.min(length, cap - kept.size()));
    kept.write(bytes, offset, room);
    total += length;
  }

  /** Everything printed since the last call, and starts afresh. */
  synchronized CapturedOutput take() {
    var output = new CapturedOutput(kept.toString(StandardCharsets.UTF_8), total);
    kept.reset();
    total = 0;
    return output;
  }
}
