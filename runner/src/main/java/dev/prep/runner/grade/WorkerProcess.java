package dev.prep.runner.grade;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The runner's handle on one worker JVM: its stdin for requests, a queue of its messages. */
final class WorkerProcess implements AutoCloseable {
  private static final int STDERR_KEEP = 16 * 1024;

  private final Process process;
  private final WorkerKind kind;
  private final Writer requests;
  private final BlockingQueue<WorkerMessage> messages = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();

  private WorkerProcess(Process process, WorkerKind kind) {
    this.process = process;
    this.kind = kind;
    this.requests =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    Thread.ofPlatform().daemon().name("prep-worker-reader").start(this::readMessages);
    Thread.ofPlatform().daemon().name("prep-worker-stderr").start(this::readStderr);
  }

  /**
   * @param kind for Lincheck, the kind of worker Lincheck can run in: its own system class loader
   *     (which sees the submission) and a Java agent attached at run time. That worker cannot use
   *     the AOT cache (the JVM does not archive for a custom system loader), so it is started only
   *     for graders that use Lincheck.
   */
  static WorkerProcess start(WorkerSettings settings, List<Path> requestClasspath, WorkerKind kind)
      throws IOException {
    Set<String> classpath = new LinkedHashSet<>();
    settings.workerClasspath().forEach(path -> classpath.add(path.toString()));
    requestClasspath.forEach(path -> classpath.add(path.toString()));
    List<String> command = new ArrayList<>();
    command.add(settings.javaExecutable().toString());
    command.addAll(kind.adapt(settings.jvmOptions()));
    if (kind.lincheck()) {
      command.add("-Djava.system.class.loader=" + WorkerSystemLoader.class.getName());
      command.add("-XX:+EnableDynamicAgentLoading");
      command.add("-Djdk.attach.allowAttachSelf=true");
    }
    command.add("-Dstdout.encoding=UTF-8");
    command.add("-Dstderr.encoding=UTF-8");
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(GradingWorker.class.getName());
    command.add(Integer.toString(settings.outputCapBytes()));
    return new WorkerProcess(new ProcessBuilder(command).start(), kind);
  }

  WorkerKind kind() {
    return kind;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Sends a request; false when the worker is gone. */
  boolean send(WorkerMessage message) {
    try {
      requests.write(WireFormat.encode(message));
      requests.write('\n');
      requests.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The next message, {@link WorkerMessage.Gone} at the end, or null after the timeout. */
  WorkerMessage next(long timeoutNanos) throws InterruptedException {
    return messages.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
  }

  /** The worker's exit status, waiting a little for it to exit; null if it is still running. */
  Integer exitStatus(long waitMillis) throws InterruptedException {
    return process.waitFor(waitMillis, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  /**
   * The last lines the JVM itself wrote: all of stderr and whatever on stdout was not a protocol
   * message (learner output never reaches either, it is captured inside the worker).
   */
  String stderr() {
    synchronized (stderr) {
      return stderr.toString().strip();
    }
  }

  void kill() {
    process.destroyForcibly();
  }

  @Override
  public void close() {
    try {
      requests.close();
      // the worker keeps no state: a short grace for a clean exit, then no waiting on a warm-up;
      // while the build trains the AOT cache, the worker writes it on exit and needs the time
      long grace = System.getenv("PREP_AOT_TRAINING") != null ? 120_000 : 100;
      if (!process.waitFor(grace, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readMessages() {
    try (var in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        WorkerMessage message = WireFormat.decode(line);
        if (message != null) {
          messages.add(message);
        } else {
          keep(line + "\n"); // the JVM's own words, e.g. "Terminating due to ...OutOfMemoryError"
        }
      }
    } catch (IOException e) {
      // the worker died mid-line: Gone says so below
    }
    messages.add(new WorkerMessage.Gone());
  }

  private void keep(String text) {
    synchronized (stderr) {
      stderr.append(text);
      if (stderr.length() > STDERR_KEEP) {
        stderr.delete(0, stderr.length() - STDERR_KEEP);
      }
    }
  }

  private void readStderr() {
    try (InputStream in = process.getErrorStream()) {
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) > 0; ) {
        keep(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // nothing more to read
    }
  }
}
