package dev.prep.runner.notebook;

import dev.prep.runner.notebook.WorkerMessage.Ending;
import dev.prep.runner.notebook.WorkerMessage.Reply;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

/**
 * One notebook's JShell inside the worker: the local engine, cells evaluated snippet by snippet.
 */
final class ShellSession implements AutoCloseable {
  private static final String BASE_IMPORT = "import module java.base;";

  private final JShell shell;
  private final CapturedOutput capture;

  private ShellSession(JShell shell, CapturedOutput capture) {
    this.shell = shell;
    this.capture = capture;
  }

  /** A fresh shell with the topic's classes and imports; the problem, if any, is in the reply. */
  static ShellSession open(
      List<String> classpath, List<String> imports, CapturedOutput capture, List<String> problems) {
    JShell shell =
        JShell.builder()
            .executionEngine("local")
            .in(InputStream.nullInputStream())
            .out(capture.stream())
            .err(capture.stream())
            .build();
    classpath.forEach(shell::addToClasspath);
    ShellSession session = new ShellSession(shell, capture);
    List<String> all = new ArrayList<>();
    all.add(BASE_IMPORT);
    imports.stream().map(ShellSession::asImport).forEach(all::add);
    for (String imp : all) {
      Reply reply = session.eval(imp);
      if (reply.ending() != Ending.COMPLETED) {
        problems.add("\"" + imp + "\" failed: " + reply.output().strip());
      }
    }
    capture.take();
    return session;
  }

  private static String asImport(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("import ")) {
      trimmed = "import " + trimmed;
    }
    return trimmed.endsWith(";") ? trimmed : trimmed + ";";
  }

  /** Evaluates a cell: every snippet in order, stopping at the first that fails. */
  Reply eval(String source) {
    capture.take();
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String rest = source;
    Optional<String> value = Optional.empty();
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (info.completeness() == Completeness.EMPTY) {
        break;
      }
      boolean complete = info.completeness().isComplete();
      String snippet = complete ? info.source() : rest;
      rest = complete ? info.remaining() : "";
      Optional<SnippetEvent> main =
          shell.eval(snippet).stream().filter(e -> e.causeSnippet() == null).findFirst();
      if (main.isEmpty()) {
        continue;
      }
      SnippetEvent event = main.get();
      if (event.status() == Snippet.Status.REJECTED
          || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        return rejected(event.snippet());
      }
      if (event.exception() != null) {
        return threw(event.exception());
      }
      value = displayValue(event);
    }
    String printed = capture.take();
    return reply(
        Ending.COMPLETED, append(printed, value.map(v -> "==> " + v).orElse("")), null, null);
  }

  private static Optional<String> displayValue(SnippetEvent event) {
    Snippet snippet = event.snippet();
    boolean expression =
        snippet.kind() == Snippet.Kind.EXPRESSION
            || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    return expression ? Optional.ofNullable(event.value()) : Optional.empty();
  }

  private Reply rejected(Snippet snippet) {
    List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
    List<String> lines = new ArrayList<>();
    for (Diag diag : errors) {
      lines.add("error: " + message(diag));
    }
    if (errors.isEmpty()) {
      lines.add("error: the snippet was rejected: " + snippet.source().strip());
    }
    List<String> keys = errors.stream().map(Diag::getCode).distinct().toList();
    return reply(Ending.REJECTED, append(capture.take(), String.join("\n", lines)), null, keys);
  }

  /** javac's message without the lines that name JShell's hidden wrapper class. */
  private static String message(Diag diag) {
    return diag.getMessage(Locale.ROOT)
        .lines()
        .map(String::stripTrailing)
        .filter(line -> !line.strip().equals("location: class"))
        .filter(line -> !line.contains("$JShell$"))
        .collect(Collectors.joining("\n"));
  }

  private Reply threw(JShellException exception) {
    String type;
    String message;
    if (exception instanceof EvalException eval) {
      type = eval.getExceptionClassName();
      message = eval.getMessage();
    } else if (exception instanceof UnresolvedReferenceException unresolved) {
      type = UnresolvedReferenceException.class.getName();
      message =
          unresolved.getSnippet().name()
              + " uses names that are not defined yet: "
              + String.join(", ", shell.unresolvedDependencies(unresolved.getSnippet()).toList());
    } else {
      type = exception.getClass().getName();
      message = exception.getMessage();
    }
    String line = "Exception " + type + (message == null ? "" : ": " + message);
    return reply(Ending.THREW, append(capture.take(), line), type, null);
  }

  /** What the cell printed, then a line of our own on a line of its own. */
  private static String append(String printed, String line) {
    if (line.isEmpty()) {
      return printed;
    }
    String separator = printed.isEmpty() || printed.endsWith("\n") ? "" : "\n";
    return printed + separator + line + "\n";
  }

  private static Reply reply(Ending ending, String output, String type, List<String> keys) {
    return new Reply(WorkerMessage.RESULT, ending, output, type, keys, null);
  }

  @Override
  public void close() {
    shell.close();
  }
}
