package dev.prep.runner.grade;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a test printed to stdout and stderr, in order, kept up to a cap.
 *
 * @param text the first bytes printed, decoded as UTF-8
 * @param totalBytes how many bytes were printed in all
 */
public record CapturedOutput(String text, long totalBytes) {
  public static final CapturedOutput NONE = new CapturedOutput("", 0);

  public boolean isEmpty() {
    return totalBytes == 0;
  }

  public boolean truncated() {
    return totalBytes > text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** "your output", or "your output (first 4 KB of 12.3 MB)" when it was cut. */
  public String label() {
    if (!truncated()) {
      return "your output";
    }
    return "your output (first %s of %s)"
        .formatted(size(text.getBytes(StandardCharsets.UTF_8).length), size(totalBytes));
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return trim(bytes / 1024.0) + " KB";
    }
    return trim(bytes / (1024.0 * 1024.0)) + " MB";
  }

  private static String trim(double value) {
    String text = String.format(Locale.ROOT, "%.1f", value);
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }
}
