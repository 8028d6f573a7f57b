package dev.prep.runner.notebook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The results of running a notebook, one per cell in cell order.
 *
 * @param problem why the notebook's shell could not be set up (its cells are then {@link
 *     CellResult.NotRun})
 * @param elapsed wall time of the run, worker start included when it had to start
 */
public record NotebookRun(
    Notebook notebook, List<CellResult> results, Optional<String> problem, Duration elapsed) {

  public NotebookRun {
    results = List.copyOf(results);
    if (results.size() != notebook.cells().size()) {
      throw new IllegalArgumentException("one result per cell expected");
    }
  }

  /** The result of one of this notebook's cells. */
  public CellResult result(Cell cell) {
    return results.get(cell.index());
  }
}
