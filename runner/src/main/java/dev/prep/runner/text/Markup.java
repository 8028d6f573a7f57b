package dev.prep.runner.text;

/**
 * picocli markup ({@code @|bold …|@}) around text that may itself contain {@code @|} or {@code |@}.
 * picocli has no escape, and stray markup in notebook, learner or author text would garble or even
 * fail rendering.
 */
public final class Markup {
  /** An empty styled section between {@code @} and {@code |} prints as a literal {@code @|}. */
  private static final String LITERAL_OPEN = "@@|bold |@|";

  private Markup() {}

  /** Text printed as is. */
  public static String plain(String text) {
    return text.replace("@|", LITERAL_OPEN);
  }

  /** Text in a style, or plain when it holds markup characters a style could not contain. */
  public static String styled(String style, String text) {
    if (text.isEmpty()) {
      return "";
    }
    if (text.contains("|@") || text.contains("@|")) {
      return plain(text);
    }
    return "@|" + style + " " + text + "|@";
  }
}
