package dev.prep.redis.grading;

import dev.prep.redis.resp.RespReader;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.ReferenceServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * One client connection to a reference server that runs the learner's commands, without a client
 * library in between: each request goes out as a RESP array of bulk strings (what redis-cli and
 * every client send), each reply comes back as the exact bytes the server wrote ({@link
 * RespReader#readRaw}), so a grader can hold it against Redis's reply byte for byte. A reply must
 * come within 2 s; a silent or closed connection fails the check with a message that says so.
 */
public final class RawConnection implements AutoCloseable {
  private static final int REPLY_TIMEOUT_MILLIS = 2_000;

  private final ReferenceServer server;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  /** Connects to {@code server} over loopback. */
  public RawConnection(ReferenceServer server) throws IOException {
    this.server = server;
    socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
  }

  /**
   * Sends one command and returns the reply's bytes exactly as the server wrote them.
   *
   * @throws AssertionError no reply within 2 s, or the server closed the connection instead
   */
  public byte[] raw(String... command) throws IOException {
    out.write(RespValue.bulkArray(List.of(command)).encode());
    out.flush();
    try {
      return RespReader.readRaw(in);
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "sent %s: no reply within 2 s. Does every path return a reply?".formatted(show(command)));
    } catch (EOFException e) {
      throw new AssertionError(
          "sent %s: the server closed the connection instead of replying".formatted(show(command)));
    }
  }

  /** Sends one command and returns its reply, decoded. */
  public RespValue call(String... command) throws IOException {
    return RespReader.read(new ByteArrayInputStream(raw(command)));
  }

  /**
   * Sends {@code command} and checks the reply byte for byte against {@code reply}, the bytes Redis
   * 7.0.15 sends (Latin-1, {@code "+OK\r\n"}); {@code hint} says what to try when they differ. When
   * the reply is the server's internal error for an exception the learner's code threw, the message
   * also says where it was thrown.
   *
   * @throws AssertionFailedError the reply differs, with both replies escaped ({@code \r\n})
   */
  public void expect(String reply, String hint, String... command) throws IOException {
    String expected = RespValue.Printable.of(reply.getBytes(StandardCharsets.ISO_8859_1));
    String got = RespValue.Printable.of(raw(command));
    if (!got.equals(expected)) {
      String description =
          "sent %s; Redis 7.0.15 replies %s (%s)%s"
              .formatted(show(command), expected, hint, LearnerTrace.forReply(server, got));
      throw ExactReply.mismatch(description, expected, got);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /**
   * The command as redis-cli shows it: arguments that are empty, hold spaces or odd bytes quoted.
   */
  static String show(String... command) {
    return Arrays.stream(command)
        .map(
            a -> {
              String p = RespValue.Printable.of(a.getBytes(StandardCharsets.ISO_8859_1));
              return a.isEmpty() || !p.equals(a) || a.contains(" ") ? '"' + p + '"' : a;
            })
        .collect(Collectors.joining(" "));
  }
}
