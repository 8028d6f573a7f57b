package dev.prep.runner.notebook;

/**
 * An {@code output} block: what a cell is expected to print.
 *
 * @param text the block's content, lines separated by {@code \n}
 * @param unordered compare the lines sorted
 * @param ellipsis {@code ...} matches any text, across lines too
 * @param line the 1-based line of the opening fence
 * @param span where the block sits in the file
 */
public record ExpectedOutput(
    String text, boolean unordered, boolean ellipsis, int line, FenceSpan span) {}
