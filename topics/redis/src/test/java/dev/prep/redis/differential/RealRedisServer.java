package dev.prep.redis.differential;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code redis-server} for tests: found on the PATH, started on a free loopback port with no
 * persistence, ready once it logs "Ready to accept connections", stopped by {@link #close()}.
 */
public final class RealRedisServer implements AutoCloseable {

  /** The notice a test prints (and aborts with) when there is no redis-server to compare with. */
  public static String notFound(String what) {
    return "redis-server not found on the PATH: "
        + what
        + " is skipped; install it (Debian: apt-get install redis-server) to run it";
  }

  private final Process process;
  private final int port;

  private RealRedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** {@code redis-server} on the PATH, or null. */
  public static Path find() {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) return candidate;
    }
    return null;
  }

  /**
   * Starts {@code binary} on a free port with {@code options} (e.g. {@code --requirepass pw})
   * added, and waits at most 10 s for it to be ready. A free port can be taken between probing and
   * binding, so it tries three ports.
   */
  public static RealRedisServer start(Path binary, String... options) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.addAll(
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
              "--dir",
              System.getProperty("java.io.tmpdir")));
      command.addAll(List.of(options));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try {
        awaitReady(process);
        return new RealRedisServer(process, port);
      } catch (IOException e) {
        last = e;
        stop(process);
      }
    }
    throw last;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    stop(process);
  }

  private static void awaitReady(Process process) throws IOException {
    var ready = new CompletableFuture<Void>();
    var log = new StringBuffer(); // appended by the reader thread, read on failure
    Thread.ofVirtual()
        .name("redis-server-log")
        .start(
            () -> {
              try (var out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) { // drains it to the end
                  if (!ready.isDone()) {
                    log.append(line).append('\n');
                    if (line.contains("Ready to accept connections")) ready.complete(null);
                  }
                }
                ready.completeExceptionally(new IOException("redis-server exited:\n" + log));
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
            });
    try {
      ready.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("redis-server was not ready within 10 s:\n" + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while redis-server started", e);
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void stop(Process process) {
    process.destroy(); // SIGTERM: redis-server shuts down cleanly
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
