package dev.prep.runner.notebook;

import java.util.List;

/**
 * The outcome of comparing a notebook's run with the outputs stored in it.
 *
 * @param displayPath the notebook, as messages name it
 * @param cellsChecked how many cells ran and were compared
 * @param mismatches every difference, in file order
 */
public record CheckResult(String displayPath, int cellsChecked, List<Mismatch> mismatches) {

  public CheckResult {
    mismatches = List.copyOf(mismatches);
  }

  /** True when every cell kept its promise and printed exactly its stored output. */
  public boolean passed() {
    return mismatches.isEmpty();
  }

  /** True when no cell broke its flags' promise, so {@code update} may rewrite the outputs. */
  public boolean contractsHold() {
    return mismatches.stream().noneMatch(Mismatch::contract);
  }

  /**
   * The mismatches as plain text for people (no markup): {@code path:line: problem}, then expected
   * and actual output, indented.
   */
  public String report() {
    StringBuilder out = new StringBuilder();
    for (Mismatch m : mismatches) {
      out.append(m.location()).append(": ").append(m.problem()).append('\n');
      m.expected().ifPresent(text -> block(out, "expected", text));
      m.actual().ifPresent(text -> block(out, "actual", text));
    }
    return out.toString();
  }

  private static void block(StringBuilder out, String label, String text) {
    out.append("  ").append(label).append(':');
    if (text.isEmpty()) {
      out.append(" (nothing)\n");
      return;
    }
    out.append('\n');
    text.lines().forEach(line -> out.append("    ").append(line).append('\n'));
  }
}
