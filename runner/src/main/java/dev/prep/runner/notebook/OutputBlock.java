package dev.prep.runner.notebook;

/** Writes an {@code output} fence around text, with a fence long enough to hold it. */
final class OutputBlock {
  private OutputBlock() {}

  /**
   * The block, without a line break after the closing fence.
   *
   * @param indent spaces before each line, as the fence it replaces or follows
   * @param fenceChar {@code `} or {@code ~}
   * @param minLength the shortest fence to use
   * @param info the info string, e.g. {@code output unordered}
   */
  static String render(
      int indent, String fenceChar, int minLength, String info, String text, String newline) {
    String pad = " ".repeat(indent);
    String fence = fenceChar.repeat(Math.max(minLength, longestRun(text, fenceChar.charAt(0)) + 1));
    StringBuilder out = new StringBuilder();
    out.append(pad).append(fence).append(info).append(newline);
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.append(pad).append(line);
      }
      out.append(newline);
    }
    return out.append(pad).append(fence).toString();
  }

  /**
   * The longest run of {@code c} at the start of a line (after up to 3 spaces), which could close a
   * fence.
   */
  private static int longestRun(String text, char c) {
    int longest = 0;
    for (String line : text.split("\n", -1)) {
      String stripped = line.stripLeading();
      if (line.length() - stripped.length() > 3) {
        continue;
      }
      int run = 0;
      while (run < stripped.length() && stripped.charAt(run) == c) {
        run++;
      }
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
