package dev.prep.runner.notebook;

import dev.prep.runner.text.Markup;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;

/**
 * Renders a notebook for the terminal ({@code prep read}) as picocli markup: headings in bold,
 * prose as written (paragraphs re-wrapped), each visible cell's code and then its output. Never raw
 * ANSI, so {@code NO_COLOR} and pipes work; notebook text is escaped.
 */
public final class NotebookRenderer {
  private static final String CODE_INDENT = "    ";
  private static final String OUTPUT_MARK = "  │ ";

  private NotebookRenderer() {}

  /**
   * @param run the run whose outputs to show; {@code null} shows the stored outputs
   * @param width the terminal width prose is wrapped to
   */
  public static String render(Notebook nb, NotebookRun run, int width) {
    int wrap = Math.max(20, width);
    StringBuilder out = new StringBuilder();
    for (Node node = nb.document().getFirstChild(); node != null; node = node.getNext()) {
      if (nb.outputOf(node).isPresent()) {
        continue;
      }
      Optional<Cell> cell = nb.cellAt(node);
      if (cell.isPresent() && cell.get().flags().hidden()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append('\n');
      }
      if (cell.isPresent()) {
        cell(out, cell.get(), run == null ? null : run.result(cell.get()));
      } else if (node instanceof Heading heading) {
        String style = heading.getLevel() == 1 ? "bold,underline" : "bold";
        out.append(Markup.styled(style, Notebook.plainText(heading).strip())).append('\n');
      } else if (node instanceof Paragraph) {
        wrapped(out, String.join(" ", source(nb, node).strip().split("\\s*\\n\\s*")), wrap);
      } else if (node instanceof FencedCodeBlock code) {
        code.getLiteral()
            .lines()
            .forEach(l -> out.append(CODE_INDENT).append(Markup.plain(l)).append('\n'));
      } else {
        source(nb, node).lines().forEach(l -> out.append(Markup.plain(l)).append('\n'));
      }
    }
    return out.toString();
  }

  private static void cell(StringBuilder out, Cell cell, CellResult result) {
    cell.source()
        .lines()
        .forEach(l -> out.append(CODE_INDENT).append(Markup.styled("cyan", l)).append('\n'));
    String stored = cell.expected().map(e -> OutputComparison.normalize(e.text())).orElse("");
    String note = "";
    String output = stored;
    switch (result) {
      case null -> {}
      case CellResult.Completed c -> output = OutputComparison.normalize(c.output());
      case CellResult.Threw t -> output = OutputComparison.normalize(t.output());
      case CellResult.Rejected r -> output = OutputComparison.normalize(r.output());
      case CellResult.Died d -> {
        output = OutputComparison.normalize(d.output());
        note = "the notebook's JVM exited with status " + d.exitCode() + " in this cell";
      }
      case CellResult.TimedOut t ->
          note = "timed out after " + NotebookEngine.seconds(t.limit()) + "; stored output:";
      case CellResult.NotRun n -> note = n.reason() + "; stored output:";
      case CellResult.Skipped s -> note = cell.flags().noRun() ? "not run" : "";
    }
    if (!note.isEmpty()) {
      out.append(OUTPUT_MARK).append(Markup.styled("faint", "(" + note + ")")).append('\n');
    }
    for (String line : output.isEmpty() ? List.<String>of() : output.lines().toList()) {
      boolean bad = line.startsWith("Exception ") || line.startsWith("error: ");
      out.append(OUTPUT_MARK)
          .append(bad ? Markup.styled("red", line) : Markup.plain(line))
          .append('\n');
    }
  }

  private static void wrapped(StringBuilder out, String text, int width) {
    int column = 0;
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (column > 0 && column + 1 + word.length() > width) {
        out.append('\n');
        column = 0;
      } else if (column > 0) {
        out.append(' ');
        column++;
      }
      out.append(Markup.plain(word));
      column += word.length();
    }
    out.append('\n');
  }

  private static String source(Notebook nb, Node node) {
    List<SourceSpan> spans = node.getSourceSpans();
    if (spans.isEmpty()) {
      return "";
    }
    SourceSpan first = spans.getFirst();
    SourceSpan last = spans.getLast();
    return nb.text().substring(first.getInputIndex(), last.getInputIndex() + last.getLength());
  }
}
