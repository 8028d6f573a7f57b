package dev.prep.redis;

import static dev.prep.redis.grading.ExactReply.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.Command;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.RedisObject;
import dev.prep.redis.server.Replies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * Grader for {@code redis/event-loop}: the learner's {@link EventLoopServer} on a free loopback
 * port with this grader's own small command table (PING, ECHO, INCR, GET, QUIT, and BLOB n, which
 * replies n bytes), every command wrapped to record the thread it ran on. One server per test.
 *
 * <p>Task 1: requests in, replies out through the table. Task 2: one thread for everything, a
 * hundred Jedis clients incrementing one key (exactly 10,000), and a half-sent request that must
 * not stall the loop. Task 3: 10,000 pipelined requests in one write, a request one byte at a time,
 * a 4 MiB reply through a small socket buffer (partial writes). Task 4: back-pressure (a client
 * that sends and never reads is paused, others are served, and it resumes), clients that reset,
 * malformed input, QUIT and {@code close()}.
 */
@DisplayName("event-loop: one thread, a Selector, many clients, pipelining and back-pressure")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EventLoopServerTest {

  private final Set<Thread> commandThreads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger blobs = new AtomicInteger();
  private EventLoopServer server;

  /** The server, started on first use (so the parser check runs without one). */
  private EventLoopServer server() throws IOException {
    if (server == null) server = EventLoopServer.start(0, table(), new Db());
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  /** The grader's commands; each records the thread that ran it. */
  private CommandTable table() {
    return new CommandTable()
        .add(
            "ping",
            -1,
            recorded(
                (session, args) ->
                    switch (args.size()) {
                      case 1 -> RespValue.PONG;
                      case 2 -> RespValue.bulk(args.get(1));
                      default -> Replies.wrongArity("ping");
                    }))
        .add("echo", 2, recorded((session, args) -> RespValue.bulk(args.get(1))))
        .add(
            "incr",
            2,
            recorded(
                (session, args) -> {
                  RedisObject old = session.db().lookup(args.get(1));
                  long next = (old == null ? 0 : Long.parseLong(old.string())) + 1;
                  session.db().put(args.get(1), RedisObject.ofString(Long.toString(next)));
                  return RespValue.integer(next);
                }))
        .add(
            "get",
            2,
            recorded(
                (session, args) -> {
                  RedisObject o = session.db().lookup(args.get(1));
                  return o == null ? RespValue.NULL : RespValue.bulk(o.string());
                }))
        .add(
            "blob",
            2,
            recorded(
                (session, args) -> {
                  blobs.incrementAndGet();
                  byte[] data = new byte[Integer.parseInt(args.get(1))];
                  Arrays.fill(data, (byte) 'x');
                  return RespValue.bulk(data);
                }))
        .add(
            "quit",
            -1,
            recorded(
                (session, args) -> {
                  session.client().closeAfterReply(true);
                  return RespValue.OK;
                }));
  }

  private Command recorded(Command command) {
    return (session, args) -> {
      commandThreads.add(Thread.currentThread());
      return command.execute(session, args);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Task 1: requests through the command table
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:1")
  @DisplayName("your RespParser from resp-codec decodes a PING request (this server reads with it)")
  void parserFromStageOne() {
    RespParser parser = new RespParser();
    byte[] ping = bytes("*1\r\n$4\r\nPING\r\n");
    parser.feed(ping, 0, ping.length);
    assertThat(parser.next())
        .as(
            "RespParser.next() after *1\\r\\n$4\\r\\nPING\\r\\n: this stage reads requests with"
                + " your parser, so finish redis/resp-codec first")
        .isEqualTo(RespValue.bulkArray(List.of("PING")));
  }

  @Test
  @Tag("task:1")
  @DisplayName("requests run through the command table, replies come back byte for byte")
  void throughTheTable() throws IOException {
    try (Socket s = connect(server().port())) {
      roundTrip(s, "*1\r\n$4\r\nPING\r\n", "+PONG\r\n", "PING");
      roundTrip(s, "*2\r\n$4\r\nECHO\r\n$2\r\n\r\n\r\n", "$2\r\n\r\n\r\n", "ECHO of CR LF");
      roundTrip(s, "*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n", ":1\r\n", "INCR k on an empty keyspace");
      roundTrip(s, "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "$1\r\n1\r\n", "GET k after INCR k");
      roundTrip(
          s,
          "*2\r\n$3\r\nFOO\r\n$3\r\nbar\r\n",
          "-ERR unknown command 'FOO', with args beginning with: 'bar' \r\n",
          "an unknown command (the table's execute() answers it: pass every request to it)");
      roundTrip(
          s,
          "*1\r\n$3\r\nGET\r\n",
          "-ERR wrong number of arguments for 'get' command\r\n",
          "GET without its key (the table checks the arity)");
      roundTrip(s, "*0\r\n*1\r\n$4\r\nPING\r\n", "+PONG\r\n", "an empty array (skipped) then PING");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task 2: one thread serves everyone
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:2")
  @DisplayName("100 Jedis clients × 100 INCR on one key: exactly 10,000, all on one loop thread")
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // about 1.5 s alone; room for a busy machine
  void hundredClientsOneThread() throws Exception {
    int clients = 100;
    int increments = 100;
    int port = server().port();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Set<Thread> clientThreads = ConcurrentHashMap.newKeySet();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(
            pool.submit(
                () -> {
                  clientThreads.add(Thread.currentThread());
                  try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                    for (int i = 0; i < increments; i++) jedis.incr("counter");
                  }
                  return null;
                }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      for (Future<?> f : done) await(f, deadline, "a Jedis client running 100 INCRs");
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        assertThat(jedis.get("counter"))
            .as(
                "GET counter after 100 clients each ran INCR counter 100 times at once: every"
                    + " increment must count (commands run one at a time on one thread)")
            .isEqualTo("10000");
      }
      assertThat(commandThreads)
          .as(
              "threads that ran commands: exactly one, the event loop that start() began (one"
                  + " Selector, non-blocking channels, every command on that thread)")
          .hasSize(1);
      Thread loop = commandThreads.iterator().next();
      assertThat(clientThreads.contains(loop) || loop == Thread.currentThread())
          .as("the thread that ran the commands, %s, is one of the test's own threads", loop)
          .isFalse();
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("a client stuck mid-request does not stall the loop for anyone else")
  void halfRequestDoesNotBlock() throws IOException {
    try (Socket slow = connect(server().port());
        Socket quick = connect(server().port())) {
      send(slow, "*2\r\n$4\r\nECHO\r\n$5\r\nhel");
      roundTrip(
          quick,
          "*1\r\n$4\r\nPING\r\n",
          "+PONG\r\n",
          "PING from a second client while the first has sent half a request: read what a"
              + " channel has (read() returns 0 or a few bytes), feed it, and go back to select();"
              + " never loop on one client until its request is complete");
      roundTrip(slow, "lo\r\n", "$5\r\nhello\r\n", "the rest of the first client's ECHO");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task 3: pipelining, pieces, partial writes
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:3")
  @DisplayName("10,000 pipelined PINGs in one write are answered in order")
  void pipelined() throws IOException {
    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    ByteArrayOutputStream replies = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      String n = Integer.toString(i);
      requests.writeBytes(bytes("*2\r\n$4\r\nPING\r\n$" + n.length() + "\r\n" + n + "\r\n"));
      replies.writeBytes(bytes("$" + n.length() + "\r\n" + n + "\r\n"));
    }
    try (Socket s = connect(server().port())) {
      Thread writer = Thread.ofVirtual().start(() -> sendQuietly(s, requests.toByteArray()));
      expect(
          s,
          "PING 0 .. PING 9999 in one write",
          replies.toByteArray(),
          "every request in a read gets its reply, in order: call next() until it returns null,"
              + " and append each reply to the client's output");
      join(writer);
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("requests that arrive one byte at a time are answered once complete")
  void oneByteAtATime() throws IOException {
    try (Socket s = connect(server().port())) {
      byte[] two = bytes("*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n*1\r\n$4\r\nPING\r\n");
      for (byte b : two) send(s, new byte[] {b});
      expect(
          s,
          "ECHO abc then PING, one byte per write",
          bytes("$3\r\nabc\r\n+PONG\r\n"),
          "keep each client's parser between reads: the bytes of one request come in many");
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("a 4 MiB reply arrives whole through a small socket buffer (partial writes)")
  void partialWrites() throws IOException {
    int size = 4 << 20;
    try (Socket s = new Socket()) {
      s.setReceiveBufferSize(16 * 1024); // before connect: the window stays small
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server().port()), 2000);
      s.setSoTimeout(2000);
      send(s, "*2\r\n$4\r\nBLOB\r\n$7\r\n" + size + "\r\n*1\r\n$4\r\nPING\r\n");
      byte[] header = bytes("$" + size + "\r\n");
      byte[] expected = new byte[header.length + size + 9];
      System.arraycopy(header, 0, expected, 0, header.length);
      Arrays.fill(expected, header.length, header.length + size, (byte) 'x');
      System.arraycopy(bytes("\r\n+PONG\r\n"), 0, expected, header.length + size, 9);
      expect(
          s,
          "BLOB " + size + " then PING",
          expected,
          "a write on a non-blocking channel may take only part of the buffer: keep the rest,"
              + " ask for OP_WRITE, and continue when the selector says the socket has room; and"
              + " the PING that came in the same read must run once the big reply is out");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task 4: back-pressure, rude clients, malformed input, close
  // ---------------------------------------------------------------------------------------------

  @Test
  @Tag("task:4")
  @DisplayName("a client that floods and never reads is paused, others are served, then it resumes")
  void backPressure() throws IOException {
    int requests = 20_000;
    int replySize = 1024;
    int bigReply = 2 << 20;
    byte[] one = bytes("*2\r\n$4\r\nBLOB\r\n$4\r\n" + replySize + "\r\n");
    // the flood ends with a 2 MiB reply and a PING behind it in the same read: the PING waits in
    // the parser while the server is paused, and must run when the output drains
    byte[] last =
        bytes("*2\r\n$4\r\nBLOB\r\n$7\r\n" + bigReply + "\r\n*2\r\n$4\r\nPING\r\n$4\r\ndone\r\n");
    byte[] flood = new byte[one.length * requests + last.length];
    for (int i = 0; i < requests; i++) System.arraycopy(one, 0, flood, i * one.length, one.length);
    System.arraycopy(last, 0, flood, one.length * requests, last.length);
    try (Socket flooder = connect(server().port())) {
      // written from another thread: once the server stops reading, this write blocks
      Thread writer = Thread.ofVirtual().start(() -> sendQuietly(flooder, flood));
      int executed = awaitQuiet(blobs, requests + 1);
      try (Socket other = connect(server().port())) {
        roundTrip(
            other,
            "*1\r\n$4\r\nPING\r\n",
            "+PONG\r\n",
            "PING from another client while the first floods and reads nothing: never wait for"
                + " one socket to drain (no loop around write() until the buffer is empty)");
      }
      assertThat(executed)
          .as(
              "BLOB requests run for a client that sent %,d of them (%,d of 1 KiB, one of 2 MiB)"
                  + " and read no reply: all of them means %,d MiB of replies held in the"
                  + " server's memory for a client that may never read. Stop reading (and stop"
                  + " running its buffered requests) while more than EventLoopServer.OUTPUT_LIMIT"
                  + " bytes wait for it; resume when they drain",
              requests + 1, requests, ((long) requests * replySize + bigReply) >> 20)
          .isLessThan(requests + 1);
      byte[] reply = bytes("$" + replySize + "\r\n" + "x".repeat(replySize) + "\r\n");
      InputStream in = flooder.getInputStream();
      byte[] got = new byte[reply.length];
      for (int i = 0; i < requests; i++) {
        int n = readFully(in, got);
        if (n < got.length || !Arrays.equals(got, reply)) {
          fail(
              "the flooding client, reading at last, got %d whole replies of %,d and then %s: once"
                  + " its output drains the server must read it again and run the requests it"
                  + " had already buffered",
              i,
              requests,
              n < got.length ? "only " + n + " bytes before 2 s of silence" : "a wrong reply");
        }
      }
      byte[] tail = new byte[bigReply + 10 + 2 + 10];
      int n = readFully(in, tail);
      String end = RespValue.Printable.of(Arrays.copyOfRange(tail, Math.max(0, n - 10), n));
      assertThat(n == tail.length ? end : end + "  <then nothing for 2 s>")
          .as(
              "the end of the flood: a 2 MiB reply, then PING done, which arrived in the same read"
                  + " and waited in the parser while the client was paused. When its output"
                  + " drains, run the requests already in the parser before waiting for new bytes"
                  + " (none will come)")
          .isEqualTo("$4\\r\\ndone\\r\\n");
      join(writer);
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName(
      "clients that reset, mid-request or with replies pending, are dropped; the loop goes on")
  void resets() throws IOException {
    Socket midRequest = connect(server().port());
    send(midRequest, "*2\r\n$4\r\nECHO\r\n$100\r\nonly part");
    reset(midRequest);
    Socket pending = new Socket();
    pending.setReceiveBufferSize(4096); // before connect: the window stays small
    pending.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server().port()), 2000);
    send(pending, "*2\r\n$4\r\nBLOB\r\n$7\r\n8388608\r\n");
    awaitQuiet(blobs, 1);
    reset(pending);
    Socket polite = connect(server().port());
    send(polite, "*1\r\n$4\r\nPI");
    polite.close();
    for (int i = 1; i <= 2; i++) {
      try (Socket s = connect(server().port())) {
        roundTrip(
            s,
            "*1\r\n$4\r\nPING\r\n",
            "+PONG\r\n",
            "a new client after three left (one reset mid-request, one reset with 8 MiB of"
                + " replies unsent, one closed mid-request): an IOException from one channel"
                + " must close that channel (cancel its key) and nothing else; read() returning"
                + " -1 means the client closed");
      }
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("malformed input gets an ERR Protocol error reply, then the connection closes")
  void malformed() throws IOException {
    try (Socket s = connect(server().port())) {
      send(s, "*1\r\n$-7\r\n");
      byte[] got = readUntilClosed(s);
      assertThat(RespValue.Printable.of(got))
          .as(
              "sent *1\\r\\n$-7\\r\\n (an invalid bulk length): reply \"-\" + the"
                  + " RespProtocolException's message + \"\\r\\n\", then close the connection, as"
                  + " Redis does (read until end of stream: %s)",
              RespValue.Printable.of(got))
          .startsWith("-ERR Protocol error")
          .endsWith("\\r\\n<closed>");
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("QUIT: +OK, then the server closes the connection")
  void quit() throws IOException {
    try (Socket s = connect(server().port())) {
      send(s, "*1\r\n$4\r\nQUIT\r\n");
      assertThat(RespValue.Printable.of(readUntilClosed(s)))
          .as(
              "sent QUIT (its command sets session.client().closeAfterReply()): send the reply,"
                  + " then close the connection")
          .isEqualTo("+OK\\r\\n<closed>");
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("close() ends the loop thread, closes the clients and frees the port")
  void closeFreesThePort() throws IOException, InterruptedException {
    int port = server().port();
    assertThat(port).as("port() of a server started on port 0").isPositive();
    try (Socket s = connect(port)) {
      roundTrip(s, "*1\r\n$4\r\nPING\r\n", "+PONG\r\n", "PING before close()");
      Thread loop = commandThreads.iterator().next();
      server.close();
      server = null;
      assertThat(loop.isAlive())
          .as(
              "the loop thread (%s) is still alive after close() returned: stop it and join it",
              loop)
          .isFalse();
      assertThat(RespValue.Printable.of(readUntilClosed(s)))
          .as("reading from a client connected before close(): every connection must be closed")
          .isEqualTo("<closed>");
    }
    try (ServerSocket again = new ServerSocket()) {
      Throwable thrown =
          catchThrowable(
              () -> again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
      assertThat(thrown)
          .as(
              "binding 127.0.0.1:%d again after close(): close the listening channel and the"
                  + " selector before the loop thread ends",
              port)
          .isNull();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // helpers
  // ---------------------------------------------------------------------------------------------

  /**
   * Waits until {@code counter} reaches {@code target}, or stops moving for 300 ms once it is at
   * least 1, or 5 s pass; returns its value. Polling is the point here: the test observes that the
   * server has gone quiet, which no latch can signal.
   */
  private static int awaitQuiet(AtomicInteger counter, int target) {
    long quietFor = TimeUnit.MILLISECONDS.toNanos(300);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int last = counter.get();
    long changedAt = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int now = counter.get();
      if (now >= target) return now;
      if (now != last) {
        last = now;
        changedAt = System.nanoTime();
      } else if (now > 0 && System.nanoTime() - changedAt > quietFor) {
        return now;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return counter.get();
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
    s.setSoTimeout(2000);
    s.setTcpNoDelay(true);
    return s;
  }

  private static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0); // close() sends RST: the server sees "Connection reset"
    s.close();
  }

  private static void send(Socket s, String latin1) throws IOException {
    send(s, bytes(latin1));
  }

  private static void send(Socket s, byte[] bytes) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** For writer threads: a server that closed the connection is reported by the reading side. */
  private static void sendQuietly(Socket s, byte[] bytes) {
    try {
      send(s, bytes);
    } catch (IOException e) {
      // the reader reports what it got
    }
  }

  private static void join(Thread t) {
    try {
      if (!t.join(java.time.Duration.ofSeconds(3))) fail("a writer thread did not finish in 3 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(Future<?> f, long deadline, String what) throws InterruptedException {
    try {
      f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      fail(what + " did not finish in 15 s: is every client served?");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnsupportedOperationException todo) throw todo;
      fail(what + " failed: " + e.getCause(), e.getCause());
    }
  }

  private static void roundTrip(Socket s, String request, String reply, String hint)
      throws IOException {
    send(s, request);
    expect(s, RespValue.Printable.of(bytes(request)), bytes(reply), hint);
  }

  /** Reads up to {@code buf.length} bytes; fewer only at end of stream or after 2 s of silence. */
  private static int readFully(InputStream in, byte[] buf) throws IOException {
    int got = 0;
    try {
      while (got < buf.length) {
        int n = in.read(buf, got, buf.length - got);
        if (n < 0) break;
        got += n;
      }
    } catch (SocketTimeoutException e) {
      // report what arrived
    }
    return got;
  }

  /** Everything until the server closes (then {@code <closed>}) or 2 s of silence. */
  private static byte[] readUntilClosed(Socket s) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) got.write(buf, 0, n);
      got.writeBytes(bytes("<closed>"));
    } catch (SocketTimeoutException e) {
      got.writeBytes(bytes("<open: nothing more for 2 s>"));
    } catch (SocketException e) {
      got.writeBytes(bytes("<closed>")); // a reset closes too
    }
    return got.toByteArray();
  }

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }
}
