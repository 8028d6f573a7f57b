package dev.prep.support;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe class's {@code main} in a fresh JVM: the same java binary as this one, the probe's
 * classes and these, and the VM options under study (JIT flags, a collector, a heap size, logging).
 * A demo needs one when the options must be set at JVM start, when the probe may never finish on
 * its own (a thread that spins forever), or when it fills its heap on purpose. Probes report with
 * lines that start with {@link #RESULT}.
 */
public final class ProbeJvm {

  /** What a probe printed; {@code timedOut} when it was killed at the deadline. */
  public record Result(List<String> lines, int exitCode, boolean timedOut, Duration wall) {

    /** The probe's answers: its lines that start with {@code "result "}, without that prefix. */
    public List<String> results() {
      return lines.stream()
          .filter(l -> l.startsWith(RESULT))
          .map(l -> l.substring(RESULT.length()))
          .toList();
    }

    /** The answer that starts with {@code key + " "}, without the key. */
    public String result(String key) {
      return results().stream()
          .filter(r -> r.startsWith(key + " "))
          .map(r -> r.substring(key.length() + 1))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("the probe printed no '" + key + "': " + lines));
    }
  }

  /** The prefix of a probe's answer lines. */
  public static final String RESULT = "result ";

  private ProbeJvm() {}

  /** Runs {@code probe}'s main and kills it at {@code deadline}; its output is kept whole. */
  public static Result run(
      Class<?> probe, List<String> vmOptions, List<String> args, Duration deadline)
      throws IOException, InterruptedException {
    return run(probe, List.of(), vmOptions, args, deadline);
  }

  /**
   * As {@link #run(Class, List, List, Duration)}, with the jars or folders that {@code libraries}
   * were loaded from added to the child's class path: a probe that needs a library (BouncyCastle,
   * say) names one class from each jar it uses.
   */
  public static Result run(
      Class<?> probe,
      List<Class<?>> libraries,
      List<String> vmOptions,
      List<String> args,
      Duration deadline)
      throws IOException, InterruptedException {
    Set<String> classPath = new LinkedHashSet<>();
    classPath.add(classesOf(probe));
    classPath.add(classesOf(ProbeJvm.class));
    libraries.forEach(library -> classPath.add(classesOf(library)));
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(vmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(probe.getName());
    command.addAll(args);
    // output goes to a file, not a pipe: a chatty child can never block on a full pipe buffer
    Path output = Files.createTempFile("prep-probe-", ".out");
    try {
      long start = System.nanoTime();
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean exited = child.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        child.destroyForcibly(); // the backstop: a probe never outlives its demo
        child.waitFor(5, TimeUnit.SECONDS);
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      String out = Files.readString(output, StandardCharsets.UTF_8);
      return new Result(out.lines().toList(), exited ? child.exitValue() : -1, !exited, wall);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** The java launcher running this JVM, so the child is the same JDK. */
  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The class-path entry (a folder or a jar) a class was loaded from. */
  private static String classesOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      return System.getProperty("java.class.path"); // a location that is no URI: fall back
    }
  }
}
