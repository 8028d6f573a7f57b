package dev.prep.redis.grading;

import dev.prep.redis.resp.RespValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/**
 * Checks the bytes a server sends on a socket the grader drives itself, for the stages where the
 * server is the learner's own and may send anything: too little, too much, nothing, or a closed
 * connection. It reads as many bytes as the expected reply holds (stopping at 2 s of silence, the
 * socket's timeout, or at the end of the stream) and compares them; the message shows what came,
 * how it ended, and for long replies where the two first differ.
 */
public final class ExactReply {
  /** Replies longer than this are reported by their first difference, not printed whole. */
  private static final int PRINTED_WHOLE = 4096;

  private ExactReply() {}

  /**
   * Reads the reply to {@code sent} from {@code socket} and checks it equals {@code expected}.
   *
   * @param sent the request as the message should show it (clipped to 100 characters)
   * @param hint what the learner should try when the reply differs
   * @throws AssertionError the reply differs, with both escaped ({@code \r\n})
   */
  public static void expect(Socket socket, String sent, byte[] expected, String hint)
      throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    String ending = "";
    byte[] buf = new byte[64 * 1024];
    while (got.size() < expected.length) {
      int n;
      try {
        n = in.read(buf, 0, Math.min(buf.length, expected.length - got.size()));
      } catch (SocketTimeoutException e) {
        ending = "  <then nothing for 2 s>";
        break;
      } catch (SocketException e) {
        ending = "  <then the connection was reset>";
        break;
      }
      if (n < 0) {
        ending = "  <then the server closed the connection>";
        break;
      }
      got.write(buf, 0, n);
    }
    if (ending.isEmpty() && !Arrays.equals(got.toByteArray(), expected)) {
      ending = restOfLine(socket, got);
    }
    byte[] bytes = got.toByteArray();
    if (expected.length > PRINTED_WHOLE) {
      int at = Arrays.mismatch(bytes, expected);
      if (at >= 0 || !ending.isEmpty()) {
        throw new AssertionError(
            ("sent %s; %s%nexpected %,d bytes; got %,d%s, first difference at byte %,d: got %s,"
                    + " expected %s")
                .formatted(
                    sent,
                    hint,
                    expected.length,
                    bytes.length,
                    ending,
                    at,
                    window(bytes, at),
                    window(expected, at)));
      }
      return;
    }
    String want = RespValue.Printable.of(expected);
    String actual = RespValue.Printable.of(bytes) + ending;
    if (!actual.equals(want)) {
      throw mismatch("sent %s; %s".formatted(clip(sent), hint), want, actual);
    }
  }

  /**
   * The failure AssertJ's {@code assertThat(actual).as(description).isEqualTo(expected)} throws:
   * the description in brackets, then expected and actual, which {@code prep check} aligns.
   */
  static AssertionFailedError mismatch(String description, String expected, String actual) {
    return new AssertionFailedError(
        "[%s] %nexpected: \"%s\"%n but was: \"%s\"".formatted(description, expected, actual),
        expected,
        actual);
  }

  private static String window(byte[] bytes, int at) {
    if (at < 0 || at >= bytes.length) return "<end>";
    return "\""
        + RespValue.Printable.of(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 24)))
        + "\"";
  }

  /**
   * After a reply that differs from the one expected, what else the server sent up to the end of
   * its line (within 200 ms), so the message shows the whole of it and not just as many bytes as
   * the expected reply had.
   */
  private static String restOfLine(Socket s, ByteArrayOutputStream got) throws IOException {
    int timeout = s.getSoTimeout();
    s.setSoTimeout(200);
    try {
      InputStream in = s.getInputStream();
      for (int extra = 0; extra < 512; extra++) {
        byte[] sofar = got.toByteArray();
        int len = sofar.length;
        if (len >= 2 && sofar[len - 2] == '\r' && sofar[len - 1] == '\n') return "";
        int b = in.read();
        if (b < 0) return "  <then the server closed the connection>";
        got.write(b);
      }
      return "...";
    } catch (SocketTimeoutException | SocketException e) {
      return "";
    } finally {
      s.setSoTimeout(timeout);
    }
  }

  private static String clip(String s) {
    return s.length() > 100 ? s.substring(0, 97) + "..." : s;
  }
}
