package dev.prep.runner.grade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a report as Exercism's test-runner {@code results.json}, version 3: top-level status and
 * message, then each test with its status, message, output (500 characters at most, with Exercism's
 * truncation notice), test code and task id.
 *
 * @see <a href="https://exercism.org/docs/building/tooling/test-runners/interface">Exercism
 *     test-runner interface</a>
 */
public final class ResultsJson {
  static final int OUTPUT_LIMIT = 500;
  static final String TRUNCATED = "Output was truncated. Please limit to 500 chars.";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Laid out like Exercism's own expected_results.json files, with \n on every platform. */
  private static final DefaultPrettyPrinter LAYOUT =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator("")
                  .withObjectEmptySeparator(""))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"));

  private ResultsJson() {}

  public static String toJson(GradeReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 3);
    root.put("status", report.status().name().toLowerCase(Locale.ROOT));
    String message = topMessage(report);
    if (message != null) {
      root.put("message", message);
    }
    ArrayNode tests = root.putArray("tests");
    for (TestResult test : report.tests()) {
      if (test.status() == TestStatus.SKIPPED) {
        continue;
      }
      ObjectNode node = tests.addObject();
      node.put("name", test.name());
      node.put(
          "status",
          switch (test.status()) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case ERROR, NOT_RUN, SKIPPED -> "error";
          });
      if (!test.passed()) {
        node.put("message", testMessage(test));
      }
      if (!test.output().isEmpty()) {
        node.put("output", output(test.output().text()));
      }
      node.put("test_code", test.testCode());
      if (test.taskId() != null) {
        node.put("task_id", test.taskId());
      }
    }
    try {
      return MAPPER.writer(LAYOUT).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write results.json", e);
    }
  }

  public static void write(GradeReport report, Path file) throws IOException {
    Files.writeString(file, toJson(report), StandardCharsets.UTF_8);
  }

  private static String topMessage(GradeReport report) {
    if (report.status() != GradeStatus.ERROR) {
      return report.hazard() == null ? null : report.hazard().summary();
    }
    if (!report.diagnostics().isEmpty()) {
      return String.join("\n\n", report.diagnostics().stream().map(Diagnostic::render).toList());
    }
    return report.message() != null
        ? report.message()
        : report.hazard() != null ? report.hazard().summary() : "nothing ran";
  }

  private static String testMessage(TestResult test) {
    var message = new StringBuilder(test.message() == null ? "" : test.message());
    if (test.location() != null) {
      message.append(message.isEmpty() ? "" : "\n").append("at ").append(test.location());
    }
    return message.toString();
  }

  static String output(String text) {
    if (text.length() <= OUTPUT_LIMIT) {
      return text;
    }
    return text.substring(0, OUTPUT_LIMIT) + "\n\n" + TRUNCATED;
  }
}
