package dev.prep.redis;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.resp.RespWriter;
import dev.prep.redis.server.Replies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private MiniServer(ServerSocket listener) {
    this.listener = listener;
    this.acceptor = Thread.ofVirtual().name("mini-redis-accept").unstarted(this::acceptLoop);
  }

  /**
   * Starts a server on 127.0.0.1.
   *
   * @param port the port, or 0 for any free one
   * @throws IOException if the port cannot be bound (in use, say)
   */
  public static MiniServer start(int port) throws IOException {
    ServerSocket listener = new ServerSocket();
    try {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    MiniServer server = new MiniServer(listener);
    // bound and listening before start returns: a client may connect the moment we return
    server.acceptor.start();
    return server;
  }

  /** The port the server listens on. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Stops accepting, closes every connection, frees the port. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : connections) closeQuietly(s);
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        connections.add(socket);
        if (listener.isClosed()) closeQuietly(socket); // close() ran meanwhile and missed it
        // one cheap virtual thread per client: blocking reads park it, not an OS thread
        Thread.ofVirtual().name("mini-redis-client").start(() -> serve(socket));
      } catch (IOException e) {
        return; // the listener was closed
      }
    }
  }

  /** Reads requests from one client until it disconnects, answering each. */
  private void serve(Socket socket) {
    RespParser parser = new RespParser();
    byte[] chunk = new byte[16 * 1024];
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        parser.feed(chunk, 0, n);
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        boolean closing = false;
        try {
          RespValue request;
          while ((request = parser.next()) != null) {
            List<String> args = toArgs(request);
            if (!args.isEmpty()) RespWriter.write(reply(args), 2, replies);
          }
        } catch (RespProtocolException e) {
          RespWriter.write(RespValue.error(e.getMessage()), 2, replies);
          closing = true;
        }
        // every reply to this read in one write: a pipeline of 1,000 PINGs is not 1,000 writes
        out.write(replies.toByteArray());
        if (closing) return;
      }
    } catch (IOException e) {
      // the client went away (reset, broken pipe) or close() closed the socket: this thread ends
    } finally {
      connections.remove(socket);
    }
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
    String name = args.getFirst().toLowerCase(Locale.ROOT);
    return switch (name) {
      // PING's arity is -1 in Redis's command table, but it refuses more than one argument itself
      case "ping" ->
          switch (args.size()) {
            case 1 -> RespValue.PONG;
            case 2 -> RespValue.bulk(args.get(1));
            default -> Replies.wrongArity(name);
          };
      case "echo" -> args.size() == 2 ? RespValue.bulk(args.get(1)) : Replies.wrongArity(name);
      default -> Replies.unknownCommand(args);
    };
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed or reset: nothing left to release
    }
  }
}
