package dev.prep.redis.server;

import dev.prep.redis.resp.RespReader;
import dev.prep.redis.resp.RespValue;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A socket that sends raw bytes and reads raw replies, with a read timeout so no test can hang: for
 * the byte-exact checks a real client would smooth over.
 */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawClient(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(5_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends a Latin-1 string as bytes, as is. */
  RawClient send(String latin1) throws IOException {
    return send(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** One command as a multibulk request. */
  RawClient command(String... args) throws IOException {
    return send(RespValue.bulkArray(java.util.List.of(args)).encode());
  }

  /** The next reply as it came, Latin-1, CRLFs included. */
  String reply() throws IOException {
    return new String(RespReader.readRaw(in), StandardCharsets.ISO_8859_1);
  }

  RespValue value() throws IOException {
    return RespReader.read(in);
  }

  /**
   * Whether the server has closed the connection: true on end of stream or reset, false if a byte
   * arrives; waits at most the read timeout.
   */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketException e) { // reset: the server closed with our bytes unread
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (EOFException e) {
      return true;
    }
  }

  int localPort() {
    return socket.getLocalPort();
  }

  void timeout(int millis) throws SocketException {
    socket.setSoTimeout(millis);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
