package dev.prep.runner.notebook;

import java.util.Optional;

/**
 * One way a notebook differs from what it promises.
 *
 * @param location {@code path:line} of the cell or of its output block
 * @param problem a sentence for people, saying what to do
 * @param contract true when the cell broke its flags' promise (did not run, threw unexpectedly, …):
 *     such a notebook must not be rewritten; false when only the output text differs
 * @param expected the stored output, for an output difference
 * @param actual the output the run produced, for an output difference
 */
public record Mismatch(
    String location,
    String problem,
    boolean contract,
    Optional<String> expected,
    Optional<String> actual) {

  static Mismatch contract(String location, String problem) {
    return new Mismatch(location, problem, true, Optional.empty(), Optional.empty());
  }

  static Mismatch output(String location, String expected, String actual) {
    return new Mismatch(
        location,
        "the output differs from the stored output block",
        false,
        Optional.of(expected),
        Optional.of(actual));
  }
}
