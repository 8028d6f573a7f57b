package dev.prep.redis.server;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.resp.RespWriter;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reference server: one thread runs a {@link Selector} loop, as Redis's {@code ae} event loop
 * does (redis/redis {@code src/ae.c}, {@code src/networking.c}). Every command runs on that thread,
 * one at a time, so the keyspace needs no locks, and a slow command delays every client.
 *
 * <ul>
 *   <li><b>Reads.</b> Up to 16 KiB per read (Redis's {@code PROTO_IOBUF_LEN}) go to the
 *       connection's {@link RequestDecoder}; every complete request runs through the {@link
 *       CommandTable}, and the replies of one read go out in one write: pipelining for free.
 *   <li><b>Back-pressure.</b> A client that sends and never reads is no longer read from, nor its
 *       requests run, once 1 MiB of its replies wait for the socket; the others carry on.
 *   <li><b>Closing.</b> Malformed input gets Redis's error after the replies already due, then the
 *       connection closes once they are written (Redis's {@code CLIENT_CLOSE_AFTER_REPLY}); so does
 *       QUIT. A query buffer over its limit closes without a reply, as Redis does, and so does a
 *       request that looks like HTTP ({@code POST}, {@code Host:}: a web page cannot script it); a
 *       connection past {@code maxclients} gets {@code -ERR max number of clients reached}.
 *   <li><b>Cron.</b> {@link ServerConfig#cron()} runs {@code hz} times a second between events, as
 *       {@code serverCron} does; the reference expires keys there.
 *   <li><b>Failures.</b> A command that throws gets {@code -ERR internal error: ...} and the loop
 *       carries on; the first such throwable is kept for graders ({@link #firstCommandFailure}).
 * </ul>
 */
public final class ReferenceServer implements AutoCloseable {

  /** {@code PROTO_IOBUF_LEN}: the most one read takes from a socket. */
  static final int IO_BUFFER = 16 * 1024;

  /** Pending replies beyond this stop reading from that client until the socket drains them. */
  static final int OUTPUT_HIGH_WATER = 1 << 20;

  /** {@code tcp-backlog 511} in redis.conf. */
  private static final int BACKLOG = 511;

  private static final byte[] MAX_CLIENTS_REPLY =
      "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerConfig config;
  private final CommandTable table;
  private final Db db;
  private final ServerSocketChannel listener;
  private final Selector selector;
  private final int port;
  private final Thread loop;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(IO_BUFFER);
  private final ConcurrentSkipListMap<Long, Connection> connections = new ConcurrentSkipListMap<>();
  private final BitSet fds = new BitSet();
  private final Session.ServerInfo info = new Info();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean running = true;
  private volatile Throwable firstFailure;
  private volatile Throwable loopFailure;
  private volatile long commandsProcessed;
  private long nextClientId = 1;

  private ReferenceServer(
      ServerConfig config, CommandTable table, Db db, ServerSocketChannel listener)
      throws IOException {
    this.config = config;
    this.table = table;
    this.db = db;
    this.listener = listener;
    this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    this.selector = Selector.open();
    listener.configureBlocking(false);
    listener.register(selector, SelectionKey.OP_ACCEPT);
    this.loop = Thread.ofPlatform().name("redis-event-loop").daemon().unstarted(this::run);
  }

  /**
   * Binds {@code config.bindAddress():config.port()} (port 0: any free one), starts the event loop
   * on a daemon thread named {@code redis-event-loop} and returns once listening.
   *
   * @throws BindException the port is taken; the message names the address and port
   */
  public static ReferenceServer start(ServerConfig config, CommandTable table, Db db)
      throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open();
    try {
      listener.bind(new InetSocketAddress(config.bindAddress(), config.port()), BACKLOG);
      ReferenceServer server = new ReferenceServer(config, table, db, listener);
      server.loop.start();
      return server;
    } catch (BindException e) {
      listener.close();
      var named =
          new BindException(
              "cannot listen on "
                  + config.bindAddress()
                  + ":"
                  + config.port()
                  + ": "
                  + e.getMessage());
      named.initCause(e);
      throw named;
    } catch (IOException | RuntimeException e) {
      listener.close();
      throw e;
    }
  }

  /** The port it listens on (the one chosen when the configuration said 0). */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:6379}: what clients and demos take. */
  public String uri() {
    String host = config.bindAddress();
    return "redis://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * The first throwable a command (or the cron) threw, or null: a grader shows it, since the client
   * only saw {@code -ERR internal error}.
   */
  public Throwable firstCommandFailure() {
    return firstFailure;
  }

  /** What ended the loop, if something did (an OutOfMemoryError, say); null after close(). */
  public Throwable loopFailure() {
    return loopFailure;
  }

  /** Waits until the server stops: {@link #close()} from elsewhere, or a failure of its loop. */
  public void join() throws InterruptedException {
    loop.join();
  }

  /** Commands run since the start (Redis's {@code total_commands_processed}). */
  public long commandsProcessed() {
    return commandsProcessed;
  }

  /** Stops the loop, closes every connection and the listening socket, waits for the thread. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    running = false;
    selector.wakeup();
    if (Thread.currentThread() == loop) return; // a command closing its own server: the loop ends
    try {
      loop.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (loop.isAlive()) { // stuck in a command that never returns: free the sockets under it
      closeQuietly(listener);
      connections.values().forEach(c -> closeQuietly(c.channel));
    }
  }

  // ---- the loop -----------------------------------------------------------------------------

  private void run() {
    long period = TimeUnit.SECONDS.toNanos(1) / config.hz();
    long nextCron = System.nanoTime() + period;
    try {
      while (running) {
        long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextCron - System.nanoTime()));
        selector.select(this::ready, wait);
        long now = System.nanoTime();
        if (now - nextCron >= 0) {
          cron();
          nextCron = now - nextCron > period ? now + period : nextCron + period;
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      recordFailure(e);
      loopFailure = e;
    } finally {
      closeQuietly(listener);
      connections.values().forEach(this::drop);
      closeQuietly(selector);
    }
  }

  private void ready(SelectionKey key) {
    if (!key.isValid()) return;
    if (!(key.attachment() instanceof Connection c)) {
      accept();
      return;
    }
    try {
      if (key.isReadable()) read(c);
      else if (key.isWritable()) serve(c);
    } catch (IOException e) { // reset by peer, broken pipe: the client is gone
      drop(c);
    } catch (RuntimeException e) {
      recordFailure(e); // a decoder's bug (a learner's, in a grader): lose this client only
      drop(c);
    }
  }

  private void cron() {
    try {
      config.cron().accept(db);
    } catch (RuntimeException | StackOverflowError e) {
      recordFailure(e);
    }
  }

  private void accept() {
    for (int i = 0; i < 1000; i++) { // Redis's MAX_ACCEPTS_PER_CALL
      SocketChannel channel;
      try {
        channel = listener.accept();
        if (channel == null) return;
      } catch (IOException e) { // out of file descriptors, say: leave it in the backlog
        return;
      }
      try {
        channel.configureBlocking(false);
        if (connections.size() >= config.maxClients()) {
          channel.write(ByteBuffer.wrap(MAX_CLIENTS_REPLY)); // best effort, as Redis does
          channel.close();
          continue;
        }
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        var client =
            new Client(
                nextClientId++,
                Connection.format(channel.getRemoteAddress()),
                config.requirepass() == null,
                db.now());
        int fd = fds.nextClearBit(8);
        var c =
            new Connection(
                channel,
                client,
                new Session(db, client, config, info),
                config.decoders().apply(client),
                Connection.format(channel.getLocalAddress()),
                fd);
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
        connections.put(client.id(), c);
        fds.set(fd);
      } catch (IOException e) {
        closeQuietly(channel);
      } catch (RuntimeException e) { // a decoder factory that throws: refuse this client only
        recordFailure(e);
        closeQuietly(channel);
      }
    }
  }

  private void read(Connection c) throws IOException {
    readBuffer.clear();
    int n = c.channel.read(readBuffer);
    if (n < 0) {
      drop(c);
      return;
    }
    if (n == 0) return;
    c.lastInteraction = db.now();
    try {
      c.decoder.feed(readBuffer.array(), 0, n);
    } catch (RespProtocolException e) {
      drop(c);
      return;
    }
    long limit = config.queryBufferLimit();
    if (config.requirepass() != null && !c.client.authenticated()) {
      limit = Math.min(limit, ServerConfig.UNAUTHENTICATED_QUERY_BUFFER_LIMIT);
    }
    if (c.decoder.buffered() > limit) { // Redis logs it and closes, without a reply
      drop(c);
      return;
    }
    serve(c);
  }

  /** Runs what the decoder holds, writes what it can, and picks what to wait for next. */
  private void serve(Connection c) throws IOException {
    boolean more = process(c);
    if (c.closed) return;
    if (c.out.size() > 0) c.out.written(c.channel.write(c.out.pending()));
    if (c.out.size() > 0 || more) {
      interest(c, SelectionKey.OP_WRITE); // stop reading until the socket takes the backlog
    } else if (c.closing) {
      drop(c);
    } else {
      if (c.out.oversized()) c.out = new Connection.Output();
      interest(c, SelectionKey.OP_READ);
    }
  }

  /** Runs complete requests; true if it stopped at the high-water mark with more to do. */
  private boolean process(Connection c) {
    while (!c.closing) {
      if (c.out.size() >= OUTPUT_HIGH_WATER) return true;
      List<String> request;
      try {
        request = c.decoder.next();
      } catch (RespProtocolException e) {
        RespWriter.write(RespValue.error(e.getMessage()), c.client.protocol(), c.out);
        c.closing = true;
        return false;
      } catch (RuntimeException | StackOverflowError e) { // a decoder's bug: say so, then close
        RespWriter.write(failed(e), c.client.protocol(), c.out);
        c.closing = true;
        return false;
      }
      if (request == null) return false;
      if (request.isEmpty()) { // a decoder's bug too: it must skip empty requests
        var bug = new IllegalStateException("the decoder returned an empty request");
        RespWriter.write(failed(bug), c.client.protocol(), c.out);
        c.closing = true;
        return false;
      }
      String name = request.get(0);
      if (name.equalsIgnoreCase("post") || name.equalsIgnoreCase("host:")) {
        drop(c); // an HTTP request: Redis's securityWarningCommand closes without a word
        return false;
      }
      execute(c, request);
    }
    return false;
  }

  private void execute(Connection c, List<String> request) {
    commandsProcessed++;
    c.running(request);
    int mark = c.out.size();
    RespValue reply;
    try {
      reply = table.execute(c.session, request);
      if (reply == null) {
        reply =
            failed(
                new IllegalStateException(
                    "command '" + request.get(0) + "' returned null instead of a RespValue"));
      }
      RespWriter.write(reply, c.client.protocol(), c.out);
    } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
      c.out.truncate(mark); // a reply that failed to encode halfway must not reach the wire
      RespWriter.write(failed(e), c.client.protocol(), c.out);
      reply = null;
    }
    c.ran(reply instanceof RespValue.SimpleString s && s.value().equals("QUEUED"));
    if (c.client.closeAfterReply()) c.closing = true;
  }

  /** Records the first failure and makes the error reply the client gets for it. */
  private RespValue failed(Throwable t) {
    recordFailure(t);
    String message = t.getMessage() == null ? "" : ": " + t.getMessage();
    return RespValue.error(
        ("ERR internal error: " + t.getClass().getName() + message).replaceAll("[\r\n]+", " "));
  }

  private void recordFailure(Throwable t) {
    if (firstFailure == null) firstFailure = t;
  }

  private void interest(Connection c, int ops) {
    if (c.interest != ops) {
      c.interest = ops;
      c.key.interestOps(ops);
    }
  }

  private void drop(Connection c) {
    if (c.closed) return;
    c.closed = true;
    connections.remove(c.client.id());
    fds.clear(c.fd);
    if (c.key != null) c.key.cancel();
    closeQuietly(c.channel);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) { // closing on the way out: nothing left to tell anyone
    }
  }

  /** What INFO and CLIENT LIST report; read on the loop thread, by commands. */
  private final class Info implements Session.ServerInfo {
    @Override
    public int connectedClients() {
      return connections.size();
    }

    @Override
    public long commandsProcessed() {
      return commandsProcessed;
    }

    @Override
    public List<String> clientList() {
      long now = db.now();
      return connections.values().stream().map(c -> c.describe(now)).toList();
    }
  }
}
