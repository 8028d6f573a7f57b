package dev.prep.redis.real;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code redis-server} in a child process: on a free loopback port, without persistence
 * ({@code --save '' --appendonly no}, files in the temporary directory), ready once it logs "Ready
 * to accept connections" (at most 10 s), stopped by {@link #close()} (SIGTERM, then a kill after 5
 * s). Where there is none, {@link #find()} is empty and {@link #notFound} says how to install one.
 *
 * <p>It sits in {@code dev.prep.redis.real}, apart from the reference server ({@code
 * dev.prep.redis.server}) that it is compared with, because the differential and encoding tests and
 * {@code prep bench redis} all start one.
 */
public final class RealRedisServer implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 3;

  private final Process process;
  private final int port;

  private RealRedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** {@code redis-server} in a directory of the PATH, if there is one. */
  public static Optional<Path> find() {
    String path = System.getenv("PATH");
    return path == null ? Optional.empty() : onPath("redis-server", path);
  }

  /** The executable file called {@code name} in one of {@code path}'s directories. */
  public static Optional<Path> onPath(String name, String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The notice a test prints (and aborts with) when there is no redis-server: {@code what} is
   * skipped.
   */
  public static String notFound(String what) {
    return "redis-server not found on the PATH: "
        + what
        + " is skipped; install it (Debian: apt-get install redis-server) to run it";
  }

  /**
   * Starts {@code binary} with {@code options} added (e.g. {@code --requirepass pw}) and returns
   * once it is ready. A free port can be taken by someone else between probing and binding, so it
   * tries three ports.
   *
   * @throws IOException it did not start or was not ready within 10 s; the message holds its log
   */
  public static RealRedisServer start(Path binary, String... options) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  binary.toString(),
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--daemonize",
                  "no",
                  "--dir",
                  System.getProperty("java.io.tmpdir")));
      command.addAll(List.of(options));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try {
        awaitReady(process, binary, port);
        return new RealRedisServer(process, port);
      } catch (IOException e) {
        last = e;
        stop(process);
      }
    }
    throw last;
  }

  /** {@code 7.0.15} from {@code redis-server --version}, or "unknown". */
  public static String version(Path binary) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "--version").start();
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

  public int port() {
    return port;
  }

  /** The process id, e.g. to read its threads from {@code /proc/<pid>/task}. */
  public long pid() {
    return process.pid();
  }

  /** The CPU time the server has used so far (user + system), if the OS reports it. */
  public Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    stop(process);
  }

  /**
   * Waits for the log line that says the server listens. A virtual thread reads the log to its end,
   * so the server never blocks on a full pipe; the lines before "ready" go into the error message.
   */
  private static void awaitReady(Process process, Path binary, int port) throws IOException {
    var ready = new CompletableFuture<Void>();
    var log = new StringBuffer(); // appended by the reader thread, read on failure
    Thread.ofVirtual()
        .name("redis-server-log")
        .start(
            () -> {
              try (var out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  if (!ready.isDone()) {
                    log.append(line).append('\n');
                    if (line.contains("Ready to accept connections")) ready.complete(null);
                  }
                }
                ready.completeExceptionally(
                    new IOException(binary + " exited on port " + port + ":\n" + log));
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
            });
    try {
      ready.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(
          binary
              + " on port "
              + port
              + " was not ready within "
              + READY_WITHIN.toSeconds()
              + " s:\n"
              + log,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + binary + " started", e);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void stop(Process process) {
    process.destroy(); // SIGTERM: redis-server shuts down cleanly (and saves nothing: --save '')
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
