package dev.prep.runner.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prep.runner.notebook.WorkerMessage.Reply;
import dev.prep.runner.notebook.WorkerMessage.Request;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The notebook worker: a JVM of its own that runs notebooks in JShell's in-process ("local") engine
 * and answers {@link NotebookEngine} in JSON lines on stdin/stdout. Cells may loop forever or call
 * {@code System.exit}; the parent kills or loses this process, never its own.
 */
public final class JShellWorker {
  private final ObjectMapper json = new ObjectMapper();
  private final Writer protocol;
  private final CapturedOutput capture;
  private volatile boolean evaluating;
  private ShellSession session;

  private JShellWorker(Writer protocol, CapturedOutput capture) {
    this.protocol = protocol;
    this.capture = capture;
  }

  /** Serves requests until stdin closes. */
  public static void main(String[] args) throws IOException {
    Writer protocol =
        new BufferedWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    BufferedReader requests =
        new BufferedReader(
            new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8));
    CapturedOutput capture = new CapturedOutput();
    System.setIn(InputStream.nullInputStream());
    System.setOut(capture.stream());
    System.setErr(capture.stream());
    JShellWorker worker = new JShellWorker(protocol, capture);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(worker::onExit));
    worker.serve(requests);
  }

  private void serve(BufferedReader requests) throws IOException {
    for (String line = requests.readLine(); line != null; line = requests.readLine()) {
      Request request = json.readValue(line, Request.class);
      send(handle(request));
    }
    closeSession();
  }

  private Reply handle(Request request) {
    return switch (request.type()) {
      case WorkerMessage.OPEN -> {
        closeSession();
        List<String> problems = new ArrayList<>();
        session =
            ShellSession.open(
                nonNull(request.classpath()), nonNull(request.imports()), capture, problems);
        yield new Reply(
            WorkerMessage.OPENED,
            null,
            null,
            null,
            null,
            problems.isEmpty() ? null : String.join("; ", problems));
      }
      case WorkerMessage.EVAL -> {
        evaluating = true;
        try {
          yield session.eval(request.source());
        } finally {
          evaluating = false;
        }
      }
      case WorkerMessage.CLOSE -> {
        closeSession();
        yield new Reply(WorkerMessage.CLOSED, null, null, null, null, null);
      }
      default -> throw new IllegalArgumentException("unknown request type " + request.type());
    };
  }

  private static List<String> nonNull(List<String> list) {
    return list == null ? List.of() : list;
  }

  private void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  /** A cell called {@code System.exit}: hand the parent what the cell printed before it went. */
  private void onExit() {
    if (evaluating) {
      send(new Reply(WorkerMessage.EXITING, null, capture.take(), null, null, null));
    }
  }

  private synchronized void send(Reply reply) {
    try {
      protocol.write(json.writeValueAsString(reply));
      protocol.write('\n');
      protocol.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
