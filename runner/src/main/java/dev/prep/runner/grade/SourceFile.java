package dev.prep.runner.grade;

import java.util.Objects;

/**
 * A source file as the learner sees it.
 *
 * @param path where messages say it lives, relative to the course root (e.g. {@code
 *     exercises/slices/dev/prep/slices/SliceGrowth.java})
 * @param content its text
 */
public record SourceFile(String path, String content) {
  public SourceFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
  }

  /** The line with this 1-based number, or an empty string when there is none. */
  public String line(long number) {
    return content.lines().skip(Math.max(0, number - 1)).findFirst().orElse("");
  }

  /** The binary name of the top-level class this file declares, from its package and file name. */
  String className() {
    String file = path.substring(path.lastIndexOf('/') + 1);
    String simple = file.endsWith(".java") ? file.substring(0, file.length() - 5) : file;
    var matcher = PACKAGE.matcher(content);
    return matcher.find() ? matcher.group(1) + "." + simple : simple;
  }

  private static final java.util.regex.Pattern PACKAGE =
      java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
}
