package dev.prep.redis;

import static dev.prep.redis.grading.ExactReply.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.prep.redis.resp.RespValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Grader for {@code redis/ping-echo}: the learner's {@link MiniServer} on a free loopback port, one
 * server per test. Task 1 sends raw bytes and compares the replies byte for byte; task 2 the error
 * replies, which must be Redis's own words; task 3 two clients at once, Jedis as the real client,
 * clients that vanish mid-command, and {@code close()}.
 *
 * <p>The server reads requests with the learner's {@link RespParser} from {@code resp-codec}; the
 * first test checks that one can decode a request at all, so an unfinished stage 1 is reported as
 * such and not as a silent server.
 */
@DisplayName("ping-echo: a blocking TCP server, a thread per client, PING and ECHO")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MiniServerTest {

  private MiniServer server;

  /** The server, started on first use (so the parser check runs without one). */
  private MiniServer server() throws IOException {
    if (server == null) server = MiniServer.start(0);
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Task 1: PING and ECHO, byte for byte
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:1")
  @DisplayName("your RespParser from resp-codec decodes a PING request (this server reads with it)")
  void parserFromStageOne() {
    RespParser parser = new RespParser();
    byte[] ping = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    parser.feed(ping, 0, ping.length);
    assertThat(parser.next())
        .as(
            "RespParser.next() after *1\\r\\n$4\\r\\nPING\\r\\n: this stage reads requests with"
                + " your parser, so finish redis/resp-codec first")
        .isEqualTo(RespValue.bulkArray(List.of("PING")));
  }

  @ParameterizedTest(name = "{0} -> {1}", quoteTextArguments = false)
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          *1\\r\\n$4\\r\\nPING\\r\\n                  | +PONG\\r\\n
          *2\\r\\n$4\\r\\nPING\\r\\n$5\\r\\nhello\\r\\n   | $5\\r\\nhello\\r\\n
          *2\\r\\n$4\\r\\nECHO\\r\\n$5\\r\\nhello\\r\\n   | $5\\r\\nhello\\r\\n
          *2\\r\\n$4\\r\\nECHO\\r\\n$0\\r\\n\\r\\n        | $0\\r\\n\\r\\n
          *2\\r\\n$4\\r\\nECHO\\r\\n$4\\r\\na\\r\\nb\\r\\n  | $4\\r\\na\\r\\nb\\r\\n
          *2\\r\\n$4\\r\\nECHO\\r\\n$2\\r\\n\\xff\\x00\\r\\n  | $2\\r\\n\\xff\\x00\\r\\n
          *1\\r\\n$4\\r\\nping\\r\\n                  | +PONG\\r\\n
          *1\\r\\n$4\\r\\nPiNg\\r\\n                  | +PONG\\r\\n
          *2\\r\\n$4\\r\\necho\\r\\n$2\\r\\nhi\\r\\n      | $2\\r\\nhi\\r\\n
          """)
  @Tag("task:1")
  @DisplayName("PING and ECHO, any case, binary-safe, byte for byte")
  void pingAndEcho(String request, String reply) throws IOException {
    try (Socket s = connect()) {
      send(s, unescape(request));
      expect(s, request, unescape(reply), hintFor(request));
    }
  }

  @Test
  @Tag("task:1")
  @DisplayName("one connection serves request after request, and a pipeline of 100 PINGs")
  void manyRequestsOnOneConnection() throws IOException {
    byte[] ping = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    try (Socket s = connect()) {
      for (int i = 1; i <= 3; i++) {
        send(s, ping);
        expect(
            s,
            "PING #" + i,
            bytes("+PONG\r\n"),
            "one connection, one request after another: keep reading after each reply");
      }
      ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
      for (int i = 0; i < 100; i++) pipeline.writeBytes(ping);
      send(s, pipeline.toByteArray());
      expect(
          s,
          "*1\\r\\n$4\\r\\nPING\\r\\n 100 times in one write",
          bytes("+PONG\r\n".repeat(100)),
          "100 requests that arrive in one read need 100 replies: call next() until it returns"
              + " null, answering each");
    }
  }

  @Test
  @Tag("task:1")
  @DisplayName("a request that arrives one byte at a time is answered once it is complete")
  void requestInPieces() throws IOException {
    byte[] echo = bytes("*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n");
    try (Socket s = connect()) {
      for (byte b : echo) send(s, new byte[] {b});
      expect(
          s,
          printable(echo) + " one byte per write",
          bytes("$3\r\nabc\r\n"),
          "sent one byte per write: feed every read to the parser and answer when it has a"
              + " whole request");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task 2: errors in Redis's words
  // ---------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}", quoteTextArguments = false)
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          *3\\r\\n$3\\r\\nFOO\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n | -ERR unknown command 'FOO', with args beginning with: 'a' 'b' \\r\\n
          *1\\r\\n$3\\r\\nGET\\r\\n                       | -ERR unknown command 'GET', with args beginning with: \\r\\n
          *1\\r\\n$4\\r\\nECHO\\r\\n                      | -ERR wrong number of arguments for 'echo' command\\r\\n
          *3\\r\\n$4\\r\\nEcHo\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n | -ERR wrong number of arguments for 'echo' command\\r\\n
          *3\\r\\n$4\\r\\nPING\\r\\n$1\\r\\na\\r\\n$1\\r\\nb\\r\\n | -ERR wrong number of arguments for 'ping' command\\r\\n
          """)
  @Tag("task:2")
  @DisplayName(
      "unknown commands and wrong argument counts get Redis's error, and the line stays up")
  void errors(String request, String reply) throws IOException {
    try (Socket s = connect()) {
      send(s, unescape(request));
      expect(
          s,
          request,
          unescape(reply),
          "Redis's exact words: Replies.unknownCommand(args) for a name you do not know,"
              + " Replies.wrongArity(name) for PING with 2+ arguments or ECHO without exactly 1");
      byte[] ping = bytes("*1\r\n$4\r\nPING\r\n");
      send(s, ping);
      expect(
          s,
          "PING after the error",
          bytes("+PONG\r\n"),
          "an error reply is an ordinary reply: the connection stays open for the next request");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task 3: many clients, real clients, rude clients, close()
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:3")
  @DisplayName("a client stuck mid-request does not delay another client")
  void twoClientsAtOnce() throws IOException {
    byte[] ping = bytes("*1\r\n$4\r\nPING\r\n");
    try (Socket slow = connect();
        Socket quick = connect()) {
      send(slow, bytes("*1\r\n$4\r\nPI"));
      send(quick, ping);
      expect(
          quick,
          "PING from a second client",
          bytes("+PONG\r\n"),
          "a second client's PING while the first has sent half a request: the first client's"
              + " thread waits in read(); every client needs its own thread (Thread.ofVirtual())"
              + " so one slow client never blocks the accept loop or the others");
      send(slow, bytes("NG\r\n"));
      expect(
          slow,
          "the rest, NG\\r\\n, from the first client",
          bytes("+PONG\r\n"),
          "the first client finishing its request later");
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("Jedis, a real Redis client, gets PONG and its ECHO back")
  void jedis() throws IOException {
    int port = server().port();
    try (Jedis a = new Jedis("127.0.0.1", port);
        Jedis b = new Jedis("127.0.0.1", port)) {
      assertThat(call("ping() on the first connection", a::ping))
          .as("Jedis ping()")
          .isEqualTo("PONG");
      assertThat(call("echo(\"héllo wörld\") (UTF-8) on the second", () -> b.echo("héllo wörld")))
          .as("Jedis echo(\"héllo wörld\"): the reply must hold the very bytes Jedis sent")
          .isEqualTo("héllo wörld");
      assertThat(call("ping(\"hi\") on the first", () -> a.ping("hi")))
          .as("Jedis ping(\"hi\")")
          .isEqualTo("hi");
      assertThat(call("ping() on the second", b::ping))
          .as("Jedis ping() on the second")
          .isEqualTo("PONG");
    }
  }

  /** A Jedis call; no reply within Jedis's 2 s timeout is reported as such. */
  private static String call(String what, Supplier<String> call) {
    try {
      return call.get();
    } catch (JedisConnectionException e) {
      throw new AssertionError(
          "Jedis "
              + what
              + " failed ("
              + e.getMessage()
              + "), with two Jedis connections open. Each client needs its own thread reading"
              + " it: a server that serves one connection until it closes never answers the"
              + " second",
          e);
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("clients that vanish mid-request, politely or with a reset, do not hurt the server")
  void clientsThatVanish() throws IOException {
    try (Socket polite = connect()) {
      send(polite, bytes("*2\r\n$4\r\nECHO\r\n$100\r\nonly part"));
    }
    Socket rude = connect();
    send(rude, bytes("*1\r\n$4\r\nPI"));
    rude.setSoLinger(true, 0); // close() now sends RST: the server's read throws "Connection reset"
    rude.close();
    byte[] ping = bytes("*1\r\n$4\r\nPING\r\n");
    for (int i = 1; i <= 2; i++) {
      try (Socket s = connect()) {
        send(s, ping);
        expect(
            s,
            "PING from new client #" + i,
            bytes("+PONG\r\n"),
            "a new client after two clients left mid-request (one closed, one reset): an"
                + " IOException in one client's thread must end only that thread, and the accept"
                + " loop must keep going");
      }
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("close() closes the connections and frees the port for a new server")
  void closeFreesThePort() throws IOException {
    int port = server().port();
    assertThat(port)
        .as("port() of a server started on port 0: the port it really got")
        .isPositive();
    try (Socket s = connect()) {
      send(s, bytes("*1\r\n$4\r\nPING\r\n"));
      expect(s, "PING", bytes("+PONG\r\n"), "PING before close()");
      server.close();
      server = null;
      int read;
      try {
        read = s.getInputStream().read();
      } catch (SocketTimeoutException e) {
        read = -2;
      } catch (SocketException e) {
        read = -1; // reset: closed as well
      }
      assertThat(read)
          .as(
              "reading from a client connected before close(): expected the end of the stream"
                  + " (-1), got %s. close() must close every open connection, not only the"
                  + " listening socket (keep the accepted sockets in a concurrent set)",
              read == -2 ? "nothing for 2 s" : "byte " + read)
          .isEqualTo(-1);
    }
    try (ServerSocket again = new ServerSocket()) {
      Throwable thrown =
          catchThrowable(
              () -> again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
      assertThat(thrown)
          .as("binding 127.0.0.1:%d again after close(): the listening socket must be closed", port)
          .isNull();
    }
    MiniServer second = MiniServer.start(port);
    second.close();
  }

  @Test
  @Tag("task:3")
  @DisplayName("start() on a port that is taken throws an IOException")
  void portInUse() throws IOException {
    int port = server().port();
    Throwable thrown = catchThrowable(() -> MiniServer.start(port).close());
    assertThat(thrown)
        .as(
            "MiniServer.start(%d) while a server listens there: bind fails with a BindException"
                + " (an IOException); let it propagate",
            port)
        .isInstanceOf(BindException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers
  // ---------------------------------------------------------------------------------------------

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server().port()), 2000);
    s.setSoTimeout(2000);
    s.setTcpNoDelay(true);
    return s;
  }

  private static void send(Socket s, byte[] bytes) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  private static String hintFor(String request) {
    return "names are case-insensitive; PING alone replies the simple string +PONG, PING msg and"
        + " ECHO msg reply msg as a bulk string ($<length>\\r\\n<bytes>\\r\\n), byte for byte:"
        + " keep arguments as Latin-1 strings (one char per byte) all the way through";
  }

  private static String printable(byte[] bytes) {
    return RespValue.Printable.of(bytes);
  }

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code \r}, {@code \n} and {@code \xNN} escapes, as the tables above are written. */
  private static byte[] unescape(String escaped) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        char e = escaped.charAt(++i);
        switch (e) {
          case 'r' -> out.write('\r');
          case 'n' -> out.write('\n');
          case 'x' -> {
            out.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
            i += 2;
          }
          default -> out.write(e);
        }
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}
