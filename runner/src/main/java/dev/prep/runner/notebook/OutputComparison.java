package dev.prep.runner.notebook;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How expected and actual cell output are compared: exactly, sorted, or with {@code ...}. */
final class OutputComparison {
  private static final String ELLIPSIS = "...";

  private OutputComparison() {}

  /**
   * Output as stored: {@code \n} line breaks, no trailing whitespace on any line, no blank lines at
   * the end.
   */
  static String normalize(String text) {
    String trimmed =
        text.replace("\r\n", "\n")
            .lines()
            .map(String::stripTrailing)
            .collect(Collectors.joining("\n"));
    return trimmed.replaceFirst("\\n+$", "");
  }

  static boolean matches(ExpectedOutput expected, String actualText) {
    String want = normalize(expected.text());
    String got = normalize(actualText);
    if (expected.unordered()) {
      want = sorted(want);
      got = sorted(got);
    }
    if (expected.ellipsis() && want.contains(ELLIPSIS)) {
      return wildcard(want).matcher(got).matches();
    }
    return want.equals(got);
  }

  private static String sorted(String text) {
    List<String> lines = Arrays.asList(text.split("\n", -1));
    return lines.stream().sorted().collect(Collectors.joining("\n"));
  }

  private static Pattern wildcard(String expected) {
    String regex =
        Arrays.stream(expected.split(Pattern.quote(ELLIPSIS), -1))
            .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
            .collect(Collectors.joining(".*"));
    return Pattern.compile(regex, Pattern.DOTALL);
  }
}
