package dev.prep.runner.notebook;

/**
 * Where a fenced block sits in a notebook's text.
 *
 * @param start offset of the first character of the opening fence's line
 * @param end offset just past the closing fence (before its line break)
 * @param indent how many spaces the fence is indented
 * @param info the raw info string after the fence characters
 * @param fence the opening fence characters, e.g. {@code ```}
 */
public record FenceSpan(int start, int end, int indent, String info, String fence) {}
