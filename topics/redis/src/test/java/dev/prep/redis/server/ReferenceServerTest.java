package dev.prep.redis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prep.redis.reference.ReferenceRedis;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * The reference server's transport, through a real client (Jedis) and raw sockets. The commands are
 * a small table of this test's own, so only the event loop is under test here.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
@DisplayName("ReferenceServer: one event-loop thread serving many clients as Redis does")
class ReferenceServerTest {

  /** PING ECHO SET GET QUIT, and commands that misbehave on purpose. */
  static CommandTable table() {
    return new CommandTable()
        .add("ping", -1, (s, a) -> a.size() > 1 ? RespValue.bulk(a.get(1)) : RespValue.PONG)
        .add("echo", 2, (s, a) -> RespValue.bulk(a.get(1)))
        .add(
            "set",
            3,
            (s, a) -> {
              s.db().put(a.get(1), RedisObject.ofString(a.get(2)));
              return RespValue.OK;
            })
        .add(
            "get",
            2,
            (s, a) -> {
              RedisObject o = s.db().lookup(a.get(1));
              return o == null ? RespValue.NULL : RespValue.bulk(o.string());
            })
        .add(
            "quit",
            -1,
            (s, a) -> {
              s.client().closeAfterReply(true);
              return RespValue.OK;
            })
        .add(
            "boom",
            1,
            (s, a) -> {
              throw new IllegalStateException("boom");
            })
        .add("nothing", 1, (s, a) -> null)
        .add(
            "resp3",
            1,
            (s, a) -> {
              s.client().protocol(3);
              return RespValue.OK;
            })
        .add("clients", 1, (s, a) -> RespValue.bulkArray(s.info().clientList()))
        .add("thread", 1, (s, a) -> RespValue.bulk(Thread.currentThread().getName()));
  }

  static ServerConfig config() {
    return ServerConfig.defaults(RespRequestDecoder::new);
  }

  static ReferenceServer start(ServerConfig config) throws IOException {
    return ReferenceServer.start(config, table(), new Db());
  }

  @Test
  @DisplayName("Jedis sets and gets strings and binary values; its pooled RedisClient takes uri()")
  void setAndGet() throws IOException {
    try (var server = start(config());
        var jedis = new Jedis("127.0.0.1", server.port(), 5_000);
        var pooled = RedisClient.create(URI.create(server.uri()))) {
      assertThat(jedis.set("greeting", "hello")).isEqualTo("OK");
      assertThat(jedis.get("greeting")).isEqualTo("hello");
      assertThat(jedis.get("missing")).isNull();
      byte[] every = new byte[256];
      for (int i = 0; i < every.length; i++) every[i] = (byte) i;
      jedis.set("bytes".getBytes(StandardCharsets.US_ASCII), every);
      assertThat(pooled.get("bytes".getBytes(StandardCharsets.US_ASCII)))
          .as("all 256 byte values survive the round trip")
          .isEqualTo(every);
      assertThat(pooled.get("greeting")).isEqualTo("hello");
    }
  }

  @Test
  @DisplayName("10,000 pipelined commands come back in order")
  void pipelining() throws IOException {
    try (var server = start(config());
        var jedis = new Jedis("127.0.0.1", server.port(), 5_000)) {
      Pipeline pipeline = jedis.pipelined();
      for (int i = 0; i < 10_000; i++) pipeline.set("key:" + i, "value:" + i);
      List<Response<String>> gets = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) gets.add(pipeline.get("key:" + i));
      pipeline.sync();
      for (int i = 0; i < 10_000; i++) assertThat(gets.get(i).get()).isEqualTo("value:" + i);
    }
  }

  @Test
  @DisplayName("50 clients at once, each with its own connection, all served")
  void concurrentClients() throws Exception {
    try (var server = start(config());
        ExecutorService pool = Executors.newFixedThreadPool(50)) {
      var ready = new CountDownLatch(50);
      List<Future<Integer>> results = new ArrayList<>();
      for (int c = 0; c < 50; c++) {
        int client = c;
        results.add(
            pool.submit(
                () -> {
                  try (var jedis = new Jedis("127.0.0.1", server.port(), 5_000)) {
                    jedis.ping(); // connected before the others start
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    int ok = 0;
                    for (int i = 0; i < 100; i++) {
                      jedis.set("c" + client + ":" + i, "v" + i);
                      if (("v" + i).equals(jedis.get("c" + client + ":" + i))) ok++;
                    }
                    return ok;
                  }
                }));
      }
      for (Future<Integer> r : results) assertThat(r.get(15, TimeUnit.SECONDS)).isEqualTo(100);
    }
  }

  @Test
  @DisplayName("a client that sends and never reads does not stall the others")
  void backPressure() throws IOException {
    try (var server = start(config());
        var hog = new RawClient(server.port());
        var other = new RawClient(server.port())) {
      String big = "x".repeat(1 << 20);
      hog.command("SET", "big", big);
      assertThat(hog.reply()).isEqualTo("+OK\r\n");
      hog.send("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".repeat(64)); // 64 MiB of replies it won't read

      String hogLine = "";
      for (int i = 0; i < 10_000 && !hogLine.contains(" events=w "); i++) {
        hogLine = clientLine(other, hog.localPort()); // until the server waits to write to it
      }
      assertThat(hogLine).as("the hog's CLIENT LIST line").contains(" events=w ");
      other.command("PING");
      assertThat(other.reply()).as("another client is served meanwhile").isEqualTo("+PONG\r\n");
      hogLine = clientLine(other, hog.localPort());
      assertThat(field(hogLine, "omem"))
          .as("replies held for a client that does not read: bounded, not 64 MiB")
          .isLessThanOrEqualTo(2L * ReferenceServer.OUTPUT_HIGH_WATER + 64);
      assertThat(field(hogLine, "qbuf"))
          .as("its GETs wait, unread, in its query buffer")
          .isPositive();

      RespValue expected = RespValue.bulk(big);
      for (int i = 0; i < 64; i++) {
        assertThat(hog.value()).as("GET #%d once the hog reads", i).isEqualTo(expected);
      }
    }
  }

  /** The CLIENT LIST line of the client on {@code port}, asked through {@code asker}. */
  private static String clientLine(RawClient asker, int port) throws IOException {
    asker.command("CLIENTS");
    var lines = (RespValue.Array) asker.value();
    for (RespValue line : lines.items()) {
      String text = ((RespValue.Bulk) line).latin1();
      if (text.contains(" addr=127.0.0.1:" + port + " ")) return text;
    }
    throw new AssertionError("no client on port " + port + " in " + lines);
  }

  private static long field(String clientLine, String name) {
    return Long.parseLong(clientLine.replaceAll(".* " + name + "=(\\d+) .*", "$1"));
  }

  @Test
  @DisplayName("past maxclients: -ERR max number of clients reached, then closed")
  void maxClients() throws IOException {
    try (var server = start(config().withMaxClients(2));
        var first = new RawClient(server.port());
        var second = new RawClient(server.port())) {
      first.command("PING");
      second.command("PING");
      assertThat(first.reply() + second.reply()).isEqualTo("+PONG\r\n+PONG\r\n");
      try (var third = new RawClient(server.port())) {
        assertThat(third.reply()).isEqualTo("-ERR max number of clients reached\r\n");
        assertThat(third.closedByServer()).as("closed after the error").isTrue();
      }
      first.command("QUIT");
      assertThat(first.reply()).isEqualTo("+OK\r\n");
      assertThat(first.closedByServer()).isTrue();
      try (var fourth = new RawClient(server.port())) {
        fourth.command("PING");
        assertThat(fourth.reply()).as("a slot freed by QUIT").isEqualTo("+PONG\r\n");
      }
    }
  }

  @Test
  @DisplayName("a query buffer over the limit closes the connection without a reply")
  void queryBufferLimit() throws IOException {
    try (var server = start(config().withQueryBufferLimit(1000));
        var greedy = new RawClient(server.port());
        var other = new RawClient(server.port())) {
      greedy.send("*2\r\n$4\r\nECHO\r\n$5000\r\n" + "x".repeat(2000));
      assertThat(greedy.closedByServer()).as("closed, and no byte of reply").isTrue();
      other.command("ECHO", "y".repeat(900)); // 925 bytes in all: within the limit
      assertThat(other.value()).isEqualTo(RespValue.bulk("y".repeat(900)));
    }
  }

  @Test
  @DisplayName("malformed input: the replies due, then Redis's error, then the connection closes")
  void protocolErrorClosesAfterTheReply() throws IOException {
    try (var server = start(config());
        var client = new RawClient(server.port())) {
      client.send("PING\r\n*x\r\nPING\r\n");
      assertThat(client.reply()).isEqualTo("+PONG\r\n");
      assertThat(client.reply()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
      assertThat(client.closedByServer()).as("the PING after the error is never answered").isTrue();
    }
  }

  @Test
  @DisplayName("QUIT: +OK, then closed; pipelined commands after it are not run")
  void quit() throws IOException {
    try (var server = start(config());
        var client = new RawClient(server.port())) {
      client.send("QUIT\r\nSET after quit\r\n");
      assertThat(client.reply()).isEqualTo("+OK\r\n");
      assertThat(client.closedByServer()).isTrue();
      try (var jedis = new Jedis("127.0.0.1", server.port(), 5_000)) {
        assertThat(jedis.get("after")).isNull();
      }
    }
  }

  @Test
  @DisplayName("inline commands, as typed into telnet, with quotes")
  void inline() throws IOException {
    try (var server = start(config());
        var client = new RawClient(server.port())) {
      client.send("SET k \"a b\"\r\nGET k\nPING\r\n");
      assertThat(client.reply() + client.reply() + client.reply())
          .isEqualTo("+OK\r\n$3\r\na b\r\n+PONG\r\n");
    }
  }

  @Test
  @DisplayName(
      "an HTTP request is closed without a reply (Redis's defence against cross-protocol scripting)")
  void httpIsRefused() throws IOException {
    try (var server = start(config());
        var browser = new RawClient(server.port())) {
      browser.send("POST / HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertThat(browser.closedByServer()).isTrue();
    }
  }

  @Test
  @DisplayName(
      "a command that throws gets -ERR internal error; the server carries on and keeps the throwable")
  void commandFailure() throws IOException {
    try (var server = start(config());
        var client = new RawClient(server.port())) {
      assertThat(server.firstCommandFailure()).isNull();
      client.command("BOOM");
      assertThat(client.reply())
          .isEqualTo("-ERR internal error: java.lang.IllegalStateException: boom\r\n");
      client.command("NOTHING");
      assertThat(client.reply())
          .isEqualTo(
              "-ERR internal error: java.lang.IllegalStateException: command 'NOTHING' returned"
                  + " null instead of a RespValue\r\n");
      client.command("PING");
      assertThat(client.reply()).isEqualTo("+PONG\r\n");
      assertThat(server.firstCommandFailure())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("boom");
    }
  }

  @Test
  @DisplayName("a decoder that throws loses its own connection only")
  void decoderFailure() throws IOException {
    ServerConfig config =
        config()
            .withDecoders(
                client ->
                    client.id() == 1
                        ? new RequestDecoder() {
                          @Override
                          public void feed(byte[] bytes, int offset, int length) {}

                          @Override
                          public List<String> next() {
                            throw new ArrayIndexOutOfBoundsException("a learner's bug");
                          }

                          @Override
                          public long buffered() {
                            return 0;
                          }
                        }
                        : new RespRequestDecoder(client));
    try (var server = start(config);
        var broken = new RawClient(server.port());
        var fine = new RawClient(server.port())) {
      broken.command("PING");
      assertThat(broken.reply())
          .isEqualTo(
              "-ERR internal error: java.lang.ArrayIndexOutOfBoundsException: a learner's bug\r\n");
      assertThat(broken.closedByServer()).isTrue();
      fine.command("PING");
      assertThat(fine.reply()).isEqualTo("+PONG\r\n");
      assertThat(server.firstCommandFailure()).isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
  }

  @Test
  @DisplayName("replies are encoded in the client's protocol: a null is _ after a switch to RESP3")
  void protocolPerClient() throws IOException {
    try (var server = start(config());
        var two = new RawClient(server.port());
        var three = new RawClient(server.port())) {
      three.command("RESP3");
      assertThat(three.reply()).isEqualTo("+OK\r\n");
      three.command("GET", "missing");
      two.command("GET", "missing");
      assertThat(three.reply()).isEqualTo("_\r\n");
      assertThat(two.reply()).isEqualTo("$-1\r\n");
    }
  }

  @Test
  @DisplayName(
      "commands and the cron run on one daemon thread, redis-event-loop, hz times a second")
  void oneThread() throws Exception {
    var cronThread = new AtomicReference<Thread>();
    var ticks = new CountDownLatch(5);
    ServerConfig config =
        config()
            .withHz(100)
            .withCron(
                db -> {
                  cronThread.set(Thread.currentThread());
                  ticks.countDown();
                });
    try (var server = start(config);
        var client = new RawClient(server.port())) {
      client.command("THREAD");
      assertThat(client.value()).isEqualTo(RespValue.bulk("redis-event-loop"));
      assertThat(ticks.await(5, TimeUnit.SECONDS)).as("5 cron runs at hz 100").isTrue();
      assertThat(cronThread.get().getName()).isEqualTo("redis-event-loop");
      assertThat(cronThread.get().isDaemon()).isTrue();
    }
  }

  @Test
  @DisplayName("withActiveExpiry: the cron deletes expired keys that nobody reads")
  void activeExpiry() throws Exception {
    var clock = new ManualClock();
    ServerConfig expiring = ReferenceRedis.withActiveExpiry(config().withClock(clock).withHz(100));
    var afterAdvance = new AtomicReference<CountDownLatch>(new CountDownLatch(0));
    ServerConfig config =
        expiring.withCron(
            db -> {
              expiring.cron().accept(db);
              afterAdvance.get().countDown();
            });
    try (var server = ReferenceServer.start(config, ReferenceCommands.all(), new Db(clock));
        var client = new RawClient(server.port())) {
      client.command("SET", "session", "x", "PX", "100");
      client.command("SET", "keeper", "y");
      assertThat(client.reply() + client.reply()).isEqualTo("+OK\r\n+OK\r\n");
      clock.advanceMillis(1_000);
      var twoRuns = new CountDownLatch(2); // the second surely started after the advance
      afterAdvance.set(twoRuns);
      assertThat(twoRuns.await(5, TimeUnit.SECONDS)).as("two cron runs at hz 100").isTrue();
      client.command("DBSIZE"); // counts keys without expiring any, as Redis's does
      assertThat(client.reply()).as("only the key without a TTL is left").isEqualTo(":1\r\n");
    }
  }

  @Test
  @DisplayName("CLIENT LIST lines in Redis's format, ids from 1, one per connection")
  void clientList() throws IOException {
    try (var server = start(config());
        var first = new RawClient(server.port());
        var second = new RawClient(server.port())) {
      second.command("PING");
      assertThat(second.reply()).isEqualTo("+PONG\r\n");
      first.command("CLIENTS");
      var lines = ((RespValue.Array) first.value()).items();
      assertThat(lines).hasSize(2);
      String mine = ((RespValue.Bulk) lines.get(0)).latin1();
      String theirs = ((RespValue.Bulk) lines.get(1)).latin1();
      assertThat(mine)
          .startsWith(
              "id=1 addr=127.0.0.1:"
                  + first.localPort()
                  + " laddr=127.0.0.1:"
                  + server.port()
                  + " fd=8 name= age=0 idle=0 flags=N db=0 ")
          .contains(" multi=-1 ", " cmd=clients ", " user=default ", " resp=2 lib-name= lib-ver=");
      assertThat(theirs)
          .startsWith("id=2 addr=127.0.0.1:" + second.localPort())
          .contains("cmd=ping");
    }
  }

  @Test
  @DisplayName("a taken port is a BindException naming the address and port")
  void portInUse() throws IOException {
    try (var server = start(config())) {
      assertThatThrownBy(() -> start(config().withPort(server.port())))
          .isInstanceOf(BindException.class)
          .hasMessageContaining("127.0.0.1:" + server.port());
    }
  }

  @Test
  @DisplayName("close() closes every connection and frees the port at once")
  void closeFreesThePort() throws IOException {
    var server = start(config());
    int port = server.port();
    assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + port);
    try (var client = new RawClient(port)) {
      client.command("PING");
      assertThat(client.reply()).isEqualTo("+PONG\r\n");
      server.close();
      assertThat(client.closedByServer()).as("the connection is closed").isTrue();
    }
    try (var again = start(config().withPort(port));
        var client = new RawClient(again.port())) {
      client.command("PING");
      assertThat(client.reply()).as("the same port, bound again").isEqualTo("+PONG\r\n");
    }
  }
}
