package dev.prep.runner.notebook;

import java.io.Serial;

/**
 * A notebook that cannot be read as a notebook: an unterminated fence, an output block with no java
 * cell before it, an unknown flag. The message is {@code path:line: what is wrong and what to do}.
 */
public final class NotebookFormatException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  NotebookFormatException(String displayPath, int line, String problem) {
    super(displayPath + ":" + line + ": " + problem);
  }
}
