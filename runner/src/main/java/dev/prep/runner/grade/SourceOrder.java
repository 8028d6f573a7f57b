package dev.prep.runner.grade;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds test methods in grader sources: their position (tests are reported in source order, as
 * Exercism does, because a learner reads the first failure first) and their code (results.json's
 * {@code test_code}).
 */
final class SourceOrder {
  private final List<SourceFile> graders;

  SourceOrder(List<SourceFile> graders) {
    this.graders = graders;
  }

  /** A sort key: grader file index, then offset of the method's declaration. */
  long position(String className, String methodName) {
    for (int i = 0; i < graders.size(); i++) {
      SourceFile file = graders.get(i);
      if (file.className().equals(CourseFrames.topLevel(className))) {
        Matcher declaration = declaration(file.content(), methodName);
        long offset = declaration == null ? Integer.MAX_VALUE : declaration.start();
        return i * (1L << 32) + offset;
      }
    }
    return Long.MAX_VALUE;
  }

  /** The method with its annotations, re-indented; empty when it cannot be found. */
  String code(String className, String methodName) {
    for (SourceFile file : graders) {
      if (file.className().equals(CourseFrames.topLevel(className))) {
        String text = file.content();
        Matcher declaration = declaration(text, methodName);
        return declaration == null ? "" : extract(text, declaration);
      }
    }
    return "";
  }

  private static Matcher declaration(String text, String methodName) {
    Matcher matcher =
        Pattern.compile(
                "(?m)^[ \\t]*(?:[\\w<>\\[\\],.?]+[ \\t]+)+" + Pattern.quote(methodName) + "\\s*\\(")
            .matcher(text);
    return matcher.find() ? matcher : null;
  }

  private static String extract(String text, Matcher declaration) {
    int start = declaration.start();
    while (start > 0) {
      int previousLineStart = text.lastIndexOf('\n', start - 2) + 1;
      String previous = text.substring(previousLineStart, start).strip();
      if (!previous.startsWith("@") && !previous.startsWith(")") && !previous.startsWith("\"")) {
        break;
      }
      start = previousLineStart;
    }
    int open = text.indexOf('{', declaration.end());
    if (open < 0) {
      return "";
    }
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return text.substring(start, i + 1).stripIndent().strip();
      }
    }
    return "";
  }
}
