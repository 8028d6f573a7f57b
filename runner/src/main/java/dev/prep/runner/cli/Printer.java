package dev.prep.runner.cli;

import dev.prep.runner.text.Markup;
import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints through picocli's writers, with colour only as picocli markup ({@code @|bold text|@}), so
 * {@code NO_COLOR}, {@code --no-color} and pipes need no special cases.
 */
final class Printer {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Ansi ansi;

  Printer(CommandSpec spec) {
    var cl = spec.commandLine();
    this.out = cl.getOut();
    this.err = cl.getErr();
    this.ansi = cl.getColorScheme().ansi();
  }

  /** Prints a line of picocli markup; {@code text} arguments are escaped first. */
  void line(String markup, Object... text) {
    out.println(styled(markup, text));
    out.flush();
  }

  /** Prints text as is: learner output, file contents, diffs. */
  void plain(String text) {
    out.println(text);
    out.flush();
  }

  /** Prints an already rendered block of markup (reports, notebooks). */
  void markup(String block) {
    out.print(ansi.string(block));
    if (!block.endsWith("\n")) {
      out.println();
    }
    out.flush();
  }

  void error(String message) {
    err.println(ansi.string("@|bold,red error:|@ " + escape(message)));
    err.flush();
  }

  void notice(String message) {
    err.println(ansi.string("@|yellow note:|@ " + escape(message)));
    err.flush();
  }

  String styled(String markup, Object... text) {
    Object[] safe = new Object[text.length];
    for (int i = 0; i < text.length; i++) {
      safe[i] = text[i] instanceof String s ? escape(s) : text[i];
    }
    return ansi.string(String.format(java.util.Locale.ROOT, markup, safe));
  }

  boolean colour() {
    return ansi.enabled();
  }

  PrintWriter out() {
    return out;
  }

  /** Keeps learner or author text from being read as markup. */
  static String escape(String text) {
    return Markup.plain(text);
  }
}
