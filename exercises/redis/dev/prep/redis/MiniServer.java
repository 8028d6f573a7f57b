package dev.prep.redis;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.resp.RespWriter;
import dev.prep.redis.server.Replies;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2 of the mini Redis: a TCP server that answers {@code PING} and {@code ECHO}, one thread
 * per connection, blocking I/O. Requests are read with your {@link RespParser} from stage 1 and
 * replies written with {@link RespWriter}.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>{@link #start} listens on 127.0.0.1 (loopback only, as Redis's default {@code bind}) at
 *       {@code port}, or on a free port when {@code port} is 0, and returns once it accepts
 *       connections. Each connection is served by its own virtual thread ({@code
 *       Thread.ofVirtual()}), so a slow client never delays another.
 *   <li>A request is an array of bulk strings, the command name first ({@code
 *       *1\r\n$4\r\nPING\r\n}); an empty array is skipped. Names are case-insensitive. {@code PING}
 *       replies {@code +PONG}; {@code PING message} and {@code ECHO message} reply the message as a
 *       bulk string. Any other name gets {@link Replies#unknownCommand}; a known name with the
 *       wrong number of arguments gets {@link Replies#wrongArity} ({@code PING} takes 0 or 1,
 *       {@code ECHO} exactly 1).
 *   <li>Pipelining works: requests that arrive together are answered in order, and the replies to
 *       one read go out together.
 *   <li>Malformed input (your parser throws {@link RespProtocolException}) gets {@code -} plus its
 *       message and the connection is closed, as Redis does. A client that disconnects, cleanly or
 *       not, mid-command or not, ends its own thread and nothing else.
 *   <li>{@link #close} stops accepting, closes every open connection and frees the port, so a new
 *       server can bind it at once.
 * </ul>
 *
 * <p>Inline commands ({@code PING\r\n} typed into telnet) are stage 6's business, not this one's.
 */
public final class MiniServer implements AutoCloseable {

  private final ServerSocket listener;

  // TODO: what close() needs: the open client sockets (a concurrent set), the accepting thread

  private MiniServer(ServerSocket listener) {
    this.listener = listener;
  }

  /**
   * Starts a server on 127.0.0.1.
   *
   * @param port the port, or 0 for any free one
   * @throws IOException if the port cannot be bound (in use, say)
   */
  public static MiniServer start(int port) throws IOException {
    // TODO: bind a ServerSocket to 127.0.0.1:port, start a thread that accepts clients, return
    throw new UnsupportedOperationException("TODO: start");
  }

  /** The port the server listens on. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Stops accepting, closes every connection, frees the port. */
  @Override
  public void close() {
    // TODO: close the listener and every client socket, then join the accepting thread
    throw new UnsupportedOperationException("TODO: close");
  }

  /** Reads requests from one client until it disconnects, answering each. */
  private void serve(Socket socket) {
    // TODO: feed each read to a RespParser, answer every complete request, one write per read
    throw new UnsupportedOperationException("TODO: serve");
  }

  /**
   * The request's arguments as Latin-1 strings. Anything but an array of bulk strings is refused
   * with Redis's words for an array item ({@code expected '$', got '+'}); a request that is not an
   * array at all would be an inline command to Redis (stage 6), and is refused here.
   */
  static List<String> toArgs(RespValue request) {
    if (!(request instanceof RespValue.Array(List<RespValue> items)))
      throw new RespProtocolException("ERR Protocol error: expected '*', got " + typeOf(request));
    List<String> args = new ArrayList<>(items.size());
    for (RespValue item : items) {
      if (item instanceof RespValue.Null)
        throw new RespProtocolException("ERR Protocol error: invalid bulk length");
      if (!(item instanceof RespValue.Bulk bulk))
        throw new RespProtocolException("ERR Protocol error: expected '$', got " + typeOf(item));
      args.add(bulk.latin1());
    }
    return args;
  }

  /** {@code '+'}: the type byte a value was sent with. */
  private static String typeOf(RespValue value) {
    return "'" + (char) value.encode()[0] + "'";
  }

  /** The reply to one request: PING, ECHO, or an error in Redis's words. */
  static RespValue reply(List<String> args) {
    // TODO: PING, PING msg, ECHO msg in any case; Replies for unknown names and wrong counts
    throw new UnsupportedOperationException("TODO: reply");
  }
}
