package dev.prep.redis.differential;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.prep.redis.differential.DifferentialScript.Case;
import dev.prep.redis.differential.DifferentialScript.Step;
import dev.prep.redis.real.RealRedisServer;
import dev.prep.redis.reference.ReferenceRedis;
import dev.prep.redis.resp.RespReader;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.RespRequestDecoder;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference server against a real {@code redis-server}: every case of every script in {@code
 * src/test/resources/differential/} runs on a fresh connection to each, and every reply must match
 * byte for byte, as must the state of the connection afterwards (open, closed by the server, or
 * waiting for more bytes). Unknown-command errors are compared up to the command's name, since
 * Redis versions word the rest differently. The script format is in {@link DifferentialScript}.
 *
 * <p>Skipped, with a notice in the build log, when {@code redis-server} is not on the PATH; {@code
 * .ci/run} installs it so CI always runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the reference server replies as redis-server does, byte for byte")
class DifferentialTest {

  private static final int REPLY_TIMEOUT_MILLIS = 5_000;
  private static final int WAITS_MILLIS = 300;
  private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

  private Path binary;
  private String realVersion = "?";
  private final Map<String, Pair> pairs = new HashMap<>(); // by requirepass ("" for none)

  /** A redis-server and a reference server with the same settings. */
  private record Pair(RealRedisServer real, ReferenceServer reference, String requirepass) {}

  @TestFactory
  Stream<DynamicNode> scripts() throws IOException, URISyntaxException {
    binary = RealRedisServer.find().orElse(null);
    if (binary == null) {
      String notice = RealRedisServer.notFound("the differential test (DifferentialTest)");
      System.err.println(notice);
      Assumptions.abort(notice);
    }
    Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/differential")).toURI());
    List<DifferentialScript> scripts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        scripts.add(DifferentialScript.load(f));
      }
    }
    return scripts.stream()
        .map(
            script ->
                dynamicContainer(
                    script.name(),
                    Stream.concat(
                        Stream.of(dynamicTest("(flush both keyspaces)", () -> flush(script))),
                        script.cases().stream()
                            .map(c -> dynamicTest(c.title(), () -> compare(script, c))))));
  }

  @AfterAll
  void stopServers() {
    for (Pair pair : pairs.values()) {
      pair.reference().close();
      pair.real().close();
    }
  }

  private Pair pair(DifferentialScript script) throws IOException {
    String password = script.requirepass() == null ? "" : script.requirepass();
    Pair pair = pairs.get(password);
    if (pair != null) return pair;
    String[] options =
        password.isEmpty() ? new String[0] : new String[] {"--requirepass", password};
    RealRedisServer real = RealRedisServer.start(binary, options);
    ServerConfig config = ServerConfig.defaults(RespRequestDecoder::new);
    if (!password.isEmpty()) config = config.withRequirepass(password);
    var reference =
        ReferenceServer.start(
            ReferenceRedis.withActiveExpiry(config), ReferenceCommands.all(), new Db());
    pair = new Pair(real, reference, password.isEmpty() ? null : password);
    pairs.put(password, pair);
    if (realVersion.equals("?")) {
      realVersion = version(real.port(), pair.requirepass());
      System.err.println("DifferentialTest: comparing with redis-server " + realVersion);
    }
    return pair;
  }

  /** FLUSHALL on both, so a script starts from empty keyspaces. */
  private void flush(DifferentialScript script) throws IOException {
    Pair pair = pair(script);
    for (int port : new int[] {pair.real().port(), pair.reference().port()}) {
      try (var c = new ScriptConnection(port)) {
        if (pair.requirepass() != null) {
          c.send(RespValue.bulkArray(List.of("AUTH", pair.requirepass())).encode());
          c.reply();
        }
        c.send(RespValue.bulkArray(List.of("FLUSHALL")).encode());
        Assertions.assertEquals("+OK\\r\\n", c.reply(), "FLUSHALL on port " + port);
      }
    }
  }

  private void compare(DifferentialScript script, Case c) throws IOException {
    Pair pair = pair(script);
    // both at once: a case that waits for silence then costs its 300 ms once, not twice
    CompletableFuture<Run> realRun =
        CompletableFuture.supplyAsync(() -> run(pair.real().port(), c));
    Run reference = run(pair.reference().port(), c);
    Run real = realRun.join();
    List<String> problems = new ArrayList<>();
    for (int s = 0; s < c.steps().size(); s++) {
      Step step = c.steps().get(s);
      List<String> a = real.replies().get(s);
      List<String> b = reference.replies().get(s);
      for (int r = 0; r < step.replies(); r++) {
        if (!same(a.get(r), b.get(r), step.typeOnly())) {
          problems.add(
              String.format(
                  "%s:%d: %s%n    reply %d of %d%n    redis-server %s: %s%n    reference:%s %s",
                  script.name(),
                  step.line(),
                  step.source(),
                  r + 1,
                  step.replies(),
                  realVersion,
                  a.get(r),
                  " ".repeat(realVersion.length() + 4),
                  b.get(r)));
        }
      }
    }
    String expected = c.state().name().toLowerCase(Locale.ROOT);
    if (!real.state().equals(expected) || !reference.state().equals(expected)) {
      problems.add(
          String.format(
              "%s:%d: after '%s' the connection should be %s; redis-server: %s, reference: %s",
              script.name(), c.line(), c.title(), expected, real.state(), reference.state()));
    }
    if (!same(real.probe(), reference.probe(), false)) {
      problems.add(
          String.format(
              "%s:%d: PING after '%s': redis-server %s, reference %s",
              script.name(), c.line(), c.title(), real.probe(), reference.probe()));
    }
    if (!problems.isEmpty()) Assertions.fail(String.join("\n", problems));
  }

  /** Equal replies; unknown-command errors up to the name; or only the type. */
  static boolean same(String a, String b, boolean typeOnly) {
    if (typeOnly) return !a.isEmpty() && !b.isEmpty() && a.charAt(0) == b.charAt(0);
    return untilCommandName(a).equals(untilCommandName(b));
  }

  private static String untilCommandName(String reply) {
    for (String prefix : List.of("-ERR unknown command '", "-ERR unknown subcommand '")) {
      if (reply.startsWith(prefix)) {
        int quote = reply.indexOf('\'', prefix.length());
        if (quote > 0) return reply.substring(0, quote + 1);
      }
    }
    return reply;
  }

  /**
   * What one server did with a case: the replies of each step, the connection's state afterwards
   * ({@code open}, {@code closed}, {@code waits}, or what else happened), and its reply to PING.
   */
  private record Run(List<List<String>> replies, String state, String probe) {}

  private static Run run(int port, Case c) {
    try (var conn = new ScriptConnection(port)) {
      List<List<String>> replies = new ArrayList<>();
      for (Step step : c.steps()) {
        conn.send(step.bytes());
        List<String> these = new ArrayList<>();
        for (int r = 0; r < step.replies(); r++) these.add(conn.reply());
        replies.add(these);
      }
      return switch (c.state()) {
        case CLOSED -> new Run(replies, conn.closed(), "");
        case WAITS -> new Run(replies, conn.silent(), "");
        case OPEN -> {
          conn.send(PING);
          String probe = conn.reply();
          yield new Run(replies, probe.startsWith("<") ? probe : "open", probe);
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("connecting to port " + port, e);
    }
  }

  private static String version(int port, String requirepass) throws IOException {
    try (var c = new ScriptConnection(port)) {
      if (requirepass != null) {
        c.send(RespValue.bulkArray(List.of("AUTH", requirepass)).encode());
        c.reply();
      }
      c.send(RespValue.bulkArray(List.of("INFO", "server")).encode());
      String info = c.reply();
      int at = info.indexOf("redis_version:");
      return at < 0 ? "?" : info.substring(at + 14, info.indexOf("\\r", at)); // escaped CR
    }
  }

  /** A socket that reads replies as printable text, or says why none came. */
  private static final class ScriptConnection implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;

    ScriptConnection(int port) throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", port), REPLY_TIMEOUT_MILLIS);
      socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
      in = new BufferedInputStream(socket.getInputStream());
    }

    void send(byte[] bytes) {
      try {
        socket.getOutputStream().write(bytes);
      } catch (IOException e) { // the server closed: the replies will say so
      }
    }

    /** The next reply with {@code \r \n} and non-printable bytes escaped, or {@code <why not>}. */
    String reply() throws IOException {
      try {
        return RespValue.Printable.of(RespReader.readRaw(in));
      } catch (EOFException | SocketException e) {
        return "<closed by the server>";
      } catch (SocketTimeoutException e) {
        return "<no reply within " + REPLY_TIMEOUT_MILLIS + " ms>";
      }
    }

    /** {@code closed} if the server closes within the reply timeout, saying nothing more. */
    String closed() throws IOException {
      return next("closed", "open (nothing for " + REPLY_TIMEOUT_MILLIS + " ms)");
    }

    /** {@code waits} if nothing comes, nor the end, for {@link #WAITS_MILLIS}. */
    String silent() throws IOException {
      socket.setSoTimeout(WAITS_MILLIS);
      return next("closed", "waits");
    }

    private String next(String ifClosed, String ifNothing) throws IOException {
      try {
        int b = in.read();
        return b < 0 ? ifClosed : "sent more: " + RespValue.Printable.of(new byte[] {(byte) b});
      } catch (SocketException e) { // reset: closed with bytes of ours unread
        return ifClosed;
      } catch (SocketTimeoutException e) {
        return ifNothing;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
