package dev.prep.runner.notebook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The flags written after {@code java} on a cell's opening fence.
 *
 * @param skip neither run nor checked
 * @param noRun shown but not run
 * @param compileError the cell must be rejected by the compiler
 * @param errorKey the javac diagnostic key the rejection must carry, when given
 * @param mustThrow the cell must throw
 * @param exceptionType the simple or qualified exception type it must throw, when given
 * @param timeout how long the cell may run before it is stopped
 * @param hidden run and checked, but not shown by {@code prep read}
 * @param mermaid the cell prints a Mermaid diagram: its output block is a {@code mermaid} fence,
 *     which GitHub draws, instead of an {@code output} fence
 */
public record CellFlags(
    boolean skip,
    boolean noRun,
    boolean compileError,
    Optional<String> errorKey,
    boolean mustThrow,
    Optional<String> exceptionType,
    Duration timeout,
    boolean hidden,
    boolean mermaid) {

  /** The time a cell may run when it carries no {@code timeout=} flag. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  static final String KNOWN =
      "skip, no-run, compile-error[=compiler.err.key], throws[=ExceptionType], timeout=<n>s, hidden,"
          + " mermaid";

  /** The language of this cell's output fence: {@code output}, or {@code mermaid}. */
  public String outputLanguage() {
    return mermaid ? Notebook.MERMAID : Notebook.OUTPUT;
  }

  /** Whether the engine evaluates this cell. */
  public boolean runs() {
    return !skip && !noRun;
  }

  /**
   * Parses the words after the language.
   *
   * @throws IllegalArgumentException with a message for people when a word is not a known flag
   */
  static CellFlags parse(List<String> words) {
    boolean skip = false;
    boolean noRun = false;
    boolean compileError = false;
    Optional<String> errorKey = Optional.empty();
    boolean mustThrow = false;
    Optional<String> exceptionType = Optional.empty();
    Duration timeout = DEFAULT_TIMEOUT;
    boolean hidden = false;
    boolean mermaid = false;
    for (String word : words) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1));
      if (value.isPresent() && value.get().isEmpty()) {
        throw new IllegalArgumentException(
            "flag \"" + word + "\" has an empty value; write " + name + "=<value> or just " + name);
      }
      switch (name) {
        case "skip" -> skip = noValue(word, value);
        case "no-run" -> noRun = noValue(word, value);
        case "hidden" -> hidden = noValue(word, value);
        case "mermaid" -> mermaid = noValue(word, value);
        case "compile-error" -> {
          compileError = true;
          errorKey = value;
        }
        case "throws" -> {
          mustThrow = true;
          exceptionType = value;
        }
        case "timeout" ->
            timeout =
                parseTimeout(
                    value.orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "flag \"timeout\" needs a value, for example timeout=2s")));
        default ->
            throw new IllegalArgumentException(
                "unknown flag \"" + word + "\" on a java cell; known flags: " + KNOWN);
      }
    }
    if (compileError && mustThrow) {
      throw new IllegalArgumentException(
          "a cell cannot be both compile-error and throws: a rejected cell never runs; keep one");
    }
    return new CellFlags(
        skip, noRun, compileError, errorKey, mustThrow, exceptionType, timeout, hidden, mermaid);
  }

  private static boolean noValue(String word, Optional<String> value) {
    if (value.isPresent()) {
      throw new IllegalArgumentException(
          "flag \"" + word + "\" takes no value; write it without \"=" + value.get() + "\"");
    }
    return true;
  }

  private static Duration parseTimeout(String text) {
    try {
      if (text.endsWith("ms")) {
        return positive(Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2))));
      }
      if (text.endsWith("s")) {
        return positive(Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1))));
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as a missing unit
    }
    throw new IllegalArgumentException(
        "timeout \""
            + text
            + "\" is not a duration; write it as seconds or milliseconds, e.g."
            + " timeout=2s or timeout=500ms");
  }

  private static Duration positive(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, e.g. timeout=2s");
    }
    return duration;
  }
}
