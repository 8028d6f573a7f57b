package dev.prep.runner.notebook;

import java.util.Optional;

/**
 * One {@code java} cell of a notebook.
 *
 * @param index position among the notebook's cells, from 0
 * @param line the 1-based line of the opening fence
 * @param source the code between the fences
 * @param flags the flags after {@code java}
 * @param expected the {@code output} block right after the cell, if any
 * @param span where the cell sits in the file
 */
public record Cell(
    int index,
    int line,
    String source,
    CellFlags flags,
    Optional<ExpectedOutput> expected,
    FenceSpan span) {}
