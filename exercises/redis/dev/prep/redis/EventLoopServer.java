package dev.prep.redis;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.resp.RespWriter;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.Session;
import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 3 of the mini Redis: Redis's design, one thread and a {@link Selector} serving every client
 * (I/O multiplexing, I/O 多路复用: epoll on Linux, behind the JDK's selector). Nothing is shared
 * between threads, so the {@link Db} (not thread-safe) needs no lock, and every command sees the
 * keyspace as the previous one left it: that is why {@code INCR} from a hundred clients at once
 * never loses an update (Redis's {@code ae.c} event loop, {@code networking.c} for the clients).
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>{@link #start} listens on 127.0.0.1 at {@code port} (0 = a free port) and returns once
 *       clients can connect. From then on ONE thread, started by {@code start}, does all the work:
 *       accepting, reading, running commands, writing. Channels are non-blocking; nothing in the
 *       loop may wait for one client.
 *   <li>Each connection has its own state: your {@link RespParser} (stage 1), the replies not yet
 *       sent, and a {@link Session}: {@code new Session(db, new Client(id, address, true,
 *       db.now()), ServerConfig.defaults(c -> null), Session.ServerInfo.NONE)}.
 *   <li>A request (an array of bulk strings; an empty one is skipped) becomes its arguments as
 *       Latin-1 strings and runs through {@code table.execute(session, args)}, which does Redis's
 *       checks (unknown command, arity) and the command; the reply is encoded with {@link
 *       RespWriter} in the client's protocol ({@code session.client().protocol()}).
 *   <li>Pipelining: requests are answered in order, and the replies to one read go out in one
 *       write. When the socket takes only part of it, the rest waits for {@code OP_WRITE}.
 *   <li>Back-pressure: while a client has more than {@link #OUTPUT_LIMIT} bytes of replies unsent
 *       (it sends but does not read), stop reading from it and stop running its buffered requests;
 *       resume once its output drains. Other clients are served all along.
 *   <li>Malformed input gets {@code -} plus the parser's message, then the connection closes. A
 *       client that disconnects or resets is dropped; the loop carries on. After {@code QUIT} (a
 *       command that sets {@code session.client().closeAfterReply()}) the connection closes once
 *       its replies are sent.
 *   <li>{@link #close} stops the loop, closes every connection and the listening socket, and
 *       returns only after the loop thread has ended: the port is free again.
 * </ul>
 *
 * <p>Redis itself does not pause a client: it buffers replies and closes a client whose output
 * passes {@code client-output-buffer-limit}, which for ordinary clients is off by default ({@code
 * client-output-buffer-limit normal 0 0 0} in redis.conf). Pausing reads, as here, is the usual
 * answer in Netty servers: turn auto-read off while a channel's outbound buffer is above its high
 * watermark ({@code Channel.isWritable()} is false), back on when it drains.
 *
 * <p>The later command stages (strings, expiry, lists and hashes, ...) plug your command groups
 * into the course's reference event loop, so a bug here never hides your progress there.
 */
public final class EventLoopServer implements AutoCloseable {

  /** Stop reading a client while this many bytes of its replies wait to be sent: 1 MiB. */
  public static final int OUTPUT_LIMIT = 1 << 20;

  /** One client's state; only the loop thread touches it. */
  private static final class Connection {
    final SocketChannel channel;
    final Session session;
    final RespParser parser = new RespParser();

    // TODO: the replies not yet sent, how many bytes they hold, whether reading is paused

    Connection(SocketChannel channel, Session session) {
      this.channel = channel;
      this.session = session;
    }
  }

  private final ServerSocketChannel listener;
  private final Selector selector;
  private final CommandTable table;
  private final Db db;
  private final Thread loop;

  private EventLoopServer(
      ServerSocketChannel listener, Selector selector, CommandTable table, Db db) {
    this.listener = listener;
    this.selector = selector;
    this.table = table;
    this.db = db;
    this.loop = Thread.ofPlatform().name("mini-redis-event-loop").unstarted(this::run);
  }

  /**
   * Starts the server on 127.0.0.1 with its one event-loop thread.
   *
   * @param port the port, or 0 for any free one
   * @param table the commands to serve
   * @param db the keyspace; only the loop thread touches it from now on
   * @throws IOException if the port cannot be bound
   */
  public static EventLoopServer start(int port, CommandTable table, Db db) throws IOException {
    // TODO: bind a non-blocking ServerSocketChannel, register it for OP_ACCEPT, start the loop
    throw new UnsupportedOperationException("TODO: start");
  }

  /** The port the server listens on. */
  public int port() {
    return listener.socket().getLocalPort();
  }

  /** Stops the loop, closes every connection, frees the port; returns when the loop has ended. */
  @Override
  public void close() {
    // TODO: tell the loop to stop, wake the selector, join the loop thread
    throw new UnsupportedOperationException("TODO: close");
  }

  /** The event loop: the only thread that touches channels, sessions and the keyspace. */
  private void run() {
    // TODO: select until stopped: accept, read (run requests) or write each ready key; close all
    throw new UnsupportedOperationException("TODO: run");
  }

  /**
   * The request's arguments as Latin-1 strings; anything but an array of bulk strings is refused as
   * Redis words it.
   */
  private static List<String> toArgs(RespValue request) {
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
}
