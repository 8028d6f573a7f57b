package dev.prep.memory.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe class's {@code main} in a fresh JVM: the same java binary as this one, this module's
 * classes, and the VM options under study. A demo needs one when the options must be set at JVM
 * start (JIT flags) or when the probe may never finish on its own (a thread that spins forever).
 */
final class ProbeJvm {

  /** What a probe printed; {@code timedOut} when it was killed at the deadline. */
  record Result(List<String> lines, int exitCode, boolean timedOut) {

    /** The probe's answers: its lines that start with {@code "result "}, without that prefix. */
    List<String> results() {
      return lines.stream()
          .filter(l -> l.startsWith(RESULT))
          .map(l -> l.substring(RESULT.length()))
          .toList();
    }
  }

  static final String RESULT = "result ";

  private ProbeJvm() {}

  static Result run(Class<?> probe, List<String> vmOptions, List<String> args, Duration deadline)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(vmOptions);
    command.add("-cp");
    command.add(classesOf(probe));
    command.add(probe.getName());
    command.addAll(args);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean exited = child.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
    if (!exited) {
      child.destroyForcibly(); // the backstop: a probe that hangs never outlives its demo
      child.waitFor(5, TimeUnit.SECONDS);
    }
    // probes print a few lines, far below a pipe's buffer, so reading after the exit cannot block
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(out.lines().toList(), exited ? child.exitValue() : -1, !exited);
  }

  /** The java launcher running this JVM, so the child is the same JDK. */
  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The class-path entry (a folder or a jar) the probe was loaded from: probes need no more. */
  private static String classesOf(Class<?> probe) {
    try {
      return Path.of(probe.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      return System.getProperty("java.class.path"); // a location that is no URI: fall back
    }
  }
}
