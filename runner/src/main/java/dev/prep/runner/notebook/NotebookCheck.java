package dev.prep.runner.notebook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Compares a run with the outputs stored in its notebook, and regenerates them. */
public final class NotebookCheck {
  private NotebookCheck() {}

  /** Every cell that broke its flags' promise or printed something other than its output block. */
  public static CheckResult check(Notebook nb, NotebookRun run) {
    List<Mismatch> mismatches = new ArrayList<>();
    int checked = 0;
    for (Cell cell : nb.cells()) {
      if (!cell.flags().runs()) {
        continue;
      }
      checked++;
      CellResult result = run.result(cell);
      Optional<Mismatch> broken = CellContract.problem(nb, cell, result);
      if (broken.isPresent()) {
        mismatches.add(broken.get());
        continue;
      }
      ExpectedOutput expected = expectedOf(cell);
      if (!OutputComparison.matches(expected, result.output())) {
        int line = cell.expected().map(ExpectedOutput::line).orElse(cell.line());
        mismatches.add(
            Mismatch.output(
                nb.location(line),
                OutputComparison.normalize(expected.text()),
                OutputComparison.normalize(result.output())));
      }
    }
    return new CheckResult(nb.displayPath(), checked, mismatches);
  }

  /**
   * The notebook's text with every run cell's output block made to match the run: missing blocks
   * inserted, differing ones replaced, blocks of cells that now print nothing removed. Every other
   * byte is kept; blocks that already match (also through {@code unordered} or {@code ellipsis})
   * are left alone.
   *
   * @throws NotebookUpdateRefusedException when a cell broke its flags' promise
   */
  public static String update(Notebook nb, NotebookRun run) {
    CheckResult result = check(nb, run);
    if (!result.contractsHold()) {
      throw new NotebookUpdateRefusedException(
          new CheckResult(
              result.displayPath(),
              result.cellsChecked(),
              result.mismatches().stream().filter(Mismatch::contract).toList()));
    }
    String text = nb.text();
    String newline = text.contains("\r\n") ? "\r\n" : "\n";
    List<Edit> edits = new ArrayList<>();
    for (Cell cell : nb.cells()) {
      if (cell.flags().runs()) {
        edit(cell, run.result(cell).output(), newline).ifPresent(edits::add);
      }
    }
    StringBuilder out = new StringBuilder(text);
    edits.stream()
        .sorted(Comparator.comparingInt(Edit::start).reversed())
        .forEach(e -> out.replace(e.start(), e.end(), e.replacement()));
    return out.toString();
  }

  private record Edit(int start, int end, String replacement) {}

  private static Optional<Edit> edit(Cell cell, String output, String newline) {
    String actual = OutputComparison.normalize(output);
    if (cell.expected().isEmpty()) {
      if (actual.isEmpty()) {
        return Optional.empty();
      }
      String block =
          OutputBlock.render(
              cell.span().indent(), "`", 3, cell.flags().outputLanguage(), actual, newline);
      return Optional.of(new Edit(cell.span().end(), cell.span().end(), newline + block));
    }
    ExpectedOutput expected = cell.expected().get();
    if (OutputComparison.matches(expected, actual)) {
      return Optional.empty();
    }
    if (actual.isEmpty()) {
      return Optional.of(new Edit(cell.span().end(), expected.span().end(), ""));
    }
    FenceSpan span = expected.span();
    String block =
        OutputBlock.render(
            span.indent(),
            span.fence().substring(0, 1),
            span.fence().length(),
            span.info(),
            actual,
            newline);
    return Optional.of(new Edit(span.start(), span.end(), block));
  }

  private static ExpectedOutput expectedOf(Cell cell) {
    return cell.expected()
        .orElseGet(() -> new ExpectedOutput("", false, false, cell.line(), cell.span()));
  }
}
