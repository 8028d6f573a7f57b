package dev.prep.runner.course;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the short durations authors write: {@code 500ms}, {@code 10s}, {@code 2m}. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m)");

  private Durations() {}

  public static Duration parse(String text) {
    Matcher m = SHORT.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: write it like 500ms, 10s or 2m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  /** {@code 1.2 s}, {@code 340 ms}: for people, not for parsing. */
  public static String human(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
