package dev.prep.runner.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prep.runner.notebook.WorkerMessage.Reply;
import dev.prep.runner.notebook.WorkerMessage.Request;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The parent's handle on one worker JVM: send a request, wait for its reply at most so long. */
final class WorkerProcess implements AutoCloseable {
  /** Measured faster for short runs: C1 only, the simplest collector. */
  static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static final int STDERR_LIMIT = 4_000;
  private static final String EOF = "\u0000eof";

  /** How a request ended. */
  sealed interface Outcome {
    record Answered(Reply reply) implements Outcome {}

    record TimedOut() implements Outcome {}

    /** The worker exited; {@code lastWords} is what a cell printed before {@code System.exit}. */
    record Exited(int exitCode, String lastWords, String stderr) implements Outcome {}
  }

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final Writer requests;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();

  private WorkerProcess(Process process) {
    this.process = process;
    this.requests =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    Thread.ofVirtual().name("notebook-worker-stdout").start(this::readReplies);
    Thread.ofVirtual().name("notebook-worker-stderr").start(this::readErrors);
  }

  static WorkerProcess start(EngineSettings settings) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(settings.javaExecutable().toString());
    command.addAll(DEFAULT_JVM_OPTIONS);
    command.addAll(settings.jvmOptions());
    command.add("-cp");
    command.add(
        settings.workerClasspath().stream()
            .map(java.nio.file.Path::toString)
            .collect(Collectors.joining(File.pathSeparator)));
    command.add(JShellWorker.class.getName());
    return new WorkerProcess(new ProcessBuilder(command).start());
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Sends a request and waits for the reply, killing the worker when it takes too long. */
  Outcome call(Request request, Duration timeout) throws InterruptedException {
    try {
      requests.write(json.writeValueAsString(request));
      requests.write('\n');
      requests.flush();
    } catch (IOException e) {
      return exited("");
    }
    String line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      kill();
      return new Outcome.TimedOut();
    }
    if (line.equals(EOF)) {
      return exited("");
    }
    Reply reply = parse(line);
    if (reply.type().equals(WorkerMessage.EXITING)) {
      return exited(reply.output());
    }
    return new Outcome.Answered(reply);
  }

  private Outcome exited(String lastWords) throws InterruptedException {
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      kill();
    }
    int code = process.isAlive() ? -1 : process.exitValue();
    String errors;
    synchronized (stderr) {
      errors = stderr.toString();
    }
    return new Outcome.Exited(code, lastWords == null ? "" : lastWords, errors);
  }

  private Reply parse(String line) {
    try {
      return json.readValue(line, Reply.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the notebook worker sent an unreadable reply: " + line, e);
    }
  }

  private void readReplies() {
    try (BufferedReader in = reader(process.getInputStream())) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        replies.add(line);
      }
    } catch (IOException e) {
      // the worker was killed mid-line: what follows is the end of its output
    } finally {
      replies.add(EOF);
    }
  }

  private void readErrors() {
    try (BufferedReader in = reader(process.getErrorStream())) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (stderr) {
          if (stderr.length() < STDERR_LIMIT) {
            stderr.append(line).append('\n');
          }
        }
      }
    } catch (IOException e) {
      // the worker is gone; what it wrote so far is kept
    }
  }

  private static BufferedReader reader(InputStream stream) {
    return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
  }

  Optional<String> stderr() {
    synchronized (stderr) {
      return stderr.isEmpty() ? Optional.empty() : Optional.of(stderr.toString());
    }
  }

  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Asks the worker to end by closing its stdin, and kills it if it does not. */
  @Override
  public void close() {
    try {
      requests.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      // while the build trains the AOT cache, the worker writes it on exit and needs the time
      long grace = System.getenv("PREP_AOT_TRAINING") != null ? 120 : 2;
      if (!process.waitFor(grace, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }
}
