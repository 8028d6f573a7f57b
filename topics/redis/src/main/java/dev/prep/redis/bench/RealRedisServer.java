package dev.prep.redis.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} in a child process on a free loopback port, without persistence
 * ({@code --save '' --appendonly no}), stopped (SIGTERM) on close.
 */
final class RealRedisServer implements AutoCloseable {
  private static final Duration START_DEADLINE = Duration.ofSeconds(10);

  private final Process process;
  private final int port;

  private RealRedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code executable} and returns once it answers PING. */
  static RealRedisServer start(Path executable) throws IOException, InterruptedException {
    int port = freePort();
    Path log = Files.createTempFile("prep-redis-server", ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    executable.toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    var server = new RealRedisServer(process, port);
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    while (!server.answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        server.close();
        String output = Files.readString(log).strip();
        Files.deleteIfExists(log);
        throw new IOException(
            executable + " did not start on port " + port + ": " + lastLines(output, 3));
      }
      Thread.sleep(20); // polling a child process's start-up; nothing to wait on instead
    }
    Files.deleteIfExists(log);
    return server;
  }

  int port() {
    return port;
  }

  /** The CPU time the server has used so far (user + system), if the OS reports it. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** {@code 7.0.15} from {@code redis-server --version}, or "unknown". */
  static String version(Path executable) {
    try {
      Process p = new ProcessBuilder(executable.toString(), "--version").start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      int v = out.indexOf("v=");
      return v < 0 ? "unknown" : out.substring(v + 2).split("\\s")[0];
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String lastLines(String text, int n) {
    List<String> lines = text.lines().toList();
    return lines.isEmpty()
        ? "no output"
        : String.join(" / ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: redis-server shuts down cleanly (and saves nothing: --save '')
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
