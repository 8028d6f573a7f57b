package dev.prep.runner.grade;

/**
 * A compile error, located the way the learner's editor counts.
 *
 * @param path the file, relative to the course root
 * @param line 1-based line
 * @param column 1-based column
 * @param sourceLine the text of that line
 * @param message javac's message
 */
public record Diagnostic(String path, long line, long column, String sourceLine, String message) {

  /** {@code path:line:col: message}, the source line, and a caret under the column. */
  public String render() {
    var text = new StringBuilder(path + ":" + line + ":" + column + ": error: " + message);
    if (!sourceLine.isEmpty()) {
      text.append('\n').append(sourceLine).append('\n');
      for (int i = 0; i < column - 1 && i < sourceLine.length(); i++) {
        text.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
      }
      text.append('^');
    }
    return text.toString();
  }
}
