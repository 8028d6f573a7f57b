package dev.prep.runner.notebook;

import java.util.Optional;

/** Whether a cell's result keeps the promise its flags make. */
final class CellContract {
  private CellContract() {}

  static Optional<Mismatch> problem(Notebook nb, Cell cell, CellResult result) {
    String where = nb.location(cell.line());
    CellFlags flags = cell.flags();
    Optional<String> problem =
        switch (result) {
          case CellResult.Skipped s -> Optional.empty();
          case CellResult.NotRun(String reason) -> Optional.of("cell " + reason);
          case CellResult.TimedOut(var limit) ->
              Optional.of(
                  "cell timed out after "
                      + NotebookEngine.seconds(limit)
                      + "; make it finish sooner or give it a longer timeout=… flag");
          case CellResult.Died(var output, int code) ->
              Optional.of(
                  "the notebook's JVM exited with status "
                      + code
                      + " during this cell (System.exit?); a cell must not end the JVM, flag it"
                      + " no-run to show such code");
          case CellResult.Completed c -> completed(flags);
          case CellResult.Threw(var output, String type) -> threw(flags, type, output);
          case CellResult.Rejected(var output, var keys) -> rejected(flags, keys, output);
        };
    return problem.map(text -> Mismatch.contract(where, text));
  }

  private static Optional<String> completed(CellFlags flags) {
    if (flags.mustThrow()) {
      return Optional.of(
          "the cell is flagged throws"
              + flags.exceptionType().map(t -> "=" + t).orElse("")
              + " but completed without throwing; fix the code or drop the flag");
    }
    if (flags.compileError()) {
      return Optional.of(
          "the cell is flagged compile-error but compiled and ran; fix the code or drop the flag");
    }
    return Optional.empty();
  }

  private static Optional<String> threw(CellFlags flags, String type, String output) {
    if (!flags.mustThrow()) {
      return Optional.of(
          "unexpected "
              + lastLine(output)
              + "; if throwing is the lesson, flag the cell throws="
              + simpleName(type)
              + ", otherwise fix the code");
    }
    if (flags.exceptionType().isPresent() && !sameType(flags.exceptionType().get(), type)) {
      return Optional.of(
          "the cell is flagged throws="
              + flags.exceptionType().get()
              + " but threw "
              + type
              + "; fix the code or the flag");
    }
    return Optional.empty();
  }

  private static Optional<String> rejected(
      CellFlags flags, java.util.List<String> keys, String output) {
    if (!flags.compileError()) {
      return Optional.of(
          "the cell does not compile: "
              + firstError(output)
              + "; fix it, or flag it compile-error="
              + (keys.isEmpty() ? "<key>" : keys.getFirst())
              + " if that is the lesson");
    }
    if (flags.errorKey().isPresent() && !keys.contains(flags.errorKey().get())) {
      return Optional.of(
          "the cell is flagged compile-error="
              + flags.errorKey().get()
              + " but javac rejected it with "
              + String.join(", ", keys)
              + "; fix the code or the flag");
    }
    return Optional.empty();
  }

  private static boolean sameType(String wanted, String actual) {
    return actual.equals(wanted) || actual.endsWith("." + wanted) || actual.endsWith("$" + wanted);
  }

  private static String simpleName(String type) {
    return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
  }

  private static String lastLine(String output) {
    return OutputComparison.normalize(output).lines().reduce((a, b) -> b).orElse("it threw");
  }

  private static String firstError(String output) {
    return output.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("error");
  }
}
