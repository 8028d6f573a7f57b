package dev.prep.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.redis.resp.RespReader;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.RespRequestDecoder;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grader for {@code redis/hello-client}: the learner's {@link HandshakeCommands} plugged into the
 * reference event loop beside the reference's connection and string commands, on a server without a
 * password and on one with {@code requirepass}. Raw replies are compared byte for byte with what
 * redis-server 7.0.15 sent for the same bytes (HELLO's server and version fields name this server);
 * then Lettuce, which opens every connection with {@code HELLO 3}, and Jedis connect for real.
 */
@DisplayName("hello-client: AUTH, HELLO (RESP2 and RESP3) and CLIENT, then Lettuce connects")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HandshakeCommandsTest {

  private static final String PASSWORD = "s3cret";

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) c.close();
  }

  // ---- task 1: AUTH -----------------------------------------------------------------------------

  @Test
  @Tag("task:1")
  @DisplayName("no password set: AUTH <pw> is refused, AUTH default <anything> is fine")
  void authWithoutPassword() throws IOException {
    var c = connect(server(null));
    c.expect(
        "AUTH pw",
        "-ERR AUTH <password> called without any password configured for the default user. Are"
            + " you sure your configuration is correct?\r\n",
        "the one-argument form on a server without requirepass: Redis says you probably meant"
            + " to configure a password");
    c.expect(
        "AUTH default whatever",
        "+OK\r\n",
        "the default user without a password takes any password given with its name");
    c.expect(
        "AUTH bob pw",
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        "there is no user bob: the only user is default");
    c.expect("AUTH a b c", "-ERR syntax error\r\n", "more than two arguments");
    c.expect(
        "AUTH",
        "-ERR wrong number of arguments for 'auth' command\r\n",
        "AUTH alone: register AUTH with arity -2 and the table refuses it before your code runs");
  }

  @Test
  @Tag("task:1")
  @DisplayName("requirepass: NOAUTH until AUTH succeeds; a wrong password changes nothing")
  void authWithPassword() throws IOException {
    ReferenceServer server = server(PASSWORD);
    var c = connect(server);
    c.expect("PING", "-NOAUTH Authentication required.\r\n", "PING before AUTH (the table says)");
    c.expect(
        "AUTH wrong",
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        "AUTH with the wrong password");
    c.expect("PING", "-NOAUTH Authentication required.\r\n", "PING after the failed AUTH");
    c.expect("AUTH " + PASSWORD, "+OK\r\n", "AUTH with the right password (requirepass)");
    c.expect(
        "PING",
        "+PONG\r\n",
        "PING after a successful AUTH: call session.client().authenticated(true)");
    c.expect(
        "AUTH wrong",
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        "a wrong AUTH once authenticated");
    c.expect(
        "PING",
        "+PONG\r\n",
        "PING after that: a failed AUTH does not undo an earlier success (Redis 7.0.15)");
    var d = connect(server);
    d.expect("AUTH default " + PASSWORD, "+OK\r\n", "AUTH default <password>, the ACL form");
    d.expect("SET k v", "+OK\r\n", "SET on the connection that authenticated");
    var e = connect(server);
    e.expect(
        "AUTH DEFAULT " + PASSWORD,
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        "user names are case-sensitive: DEFAULT is not default");
  }

  // ---- task 2: HELLO ----------------------------------------------------------------------------

  @Test
  @Tag("task:2")
  @DisplayName("HELLO and HELLO 2 reply the server's map in RESP2: a flat array of 14")
  void helloResp2() throws IOException {
    var c = connect(server(null));
    long id = c.expectHello("HELLO", 2, "HELLO without a version: reports, switches nothing");
    long again = c.expectHello("HELLO 2", 2, "HELLO 2 on the same connection");
    assertThat(again).as("the id in two HELLO replies on one connection").isEqualTo(id);
  }

  @Test
  @Tag("task:2")
  @DisplayName("HELLO 3 switches to RESP3: the map as %7, nulls as _ from then on; HELLO 2 back")
  void helloResp3() throws IOException {
    var c = connect(server(null));
    c.expect("GET missing", "$-1\r\n", "GET of a missing key in RESP2, before HELLO");
    c.expectHello(
        "HELLO 3",
        3,
        "HELLO 3: switch with session.client().protocol(3) before returning the map, so the"
            + " map itself already goes out as RESP3");
    c.expect(
        "GET missing",
        "_\r\n",
        "GET of a missing key after HELLO 3: the connection stays in RESP3, where null is _");
    c.expectHello("HELLO 2", 2, "HELLO 2 after HELLO 3: back to RESP2");
    c.expect("GET missing", "$-1\r\n", "GET of a missing key after HELLO 2");
  }

  @Test
  @Tag("task:2")
  @DisplayName("versions other than 2 and 3 answer NOPROTO, non-numbers an ERR; nothing changes")
  void badVersions() throws IOException {
    var c = connect(server(null));
    for (String v : List.of("4", "1", "0", "-3")) {
      c.expect(
          "HELLO " + v,
          "-NOPROTO unsupported protocol version\r\n",
          "HELLO " + v + ": this server speaks RESP2 and RESP3 only");
    }
    for (String v : List.of("x", "03", "3.0", "+3")) {
      c.expect(
          "HELLO " + v,
          "-ERR Protocol version is not an integer or out of range\r\n",
          "HELLO " + v + ": not an integer as Redis reads one (no leading zero, no '+', no '.')");
    }
    c.expect("GET missing", "$-1\r\n", "GET of a missing key: refused HELLOs switched nothing");
  }

  @Test
  @Tag("task:2")
  @DisplayName("HELLO options: unknown ones, or ones short of their values, are syntax errors")
  void helloSyntax() throws IOException {
    var c = connect(server(null));
    c.expect("HELLO 3 FOO", "-ERR Syntax error in HELLO option 'FOO'\r\n", "an unknown option");
    c.expect(
        "HELLO 3 AUTH default",
        "-ERR Syntax error in HELLO option 'AUTH'\r\n",
        "AUTH with one value: it needs a user name and a password");
    c.expect(
        "HELLO 2 SETNAME",
        "-ERR Syntax error in HELLO option 'SETNAME'\r\n",
        "SETNAME without a name");
    c.expect(
        "HELLO 3 SETNAME a\\x20b",
        "-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
        "SETNAME with a space in the name");
    c.expect("GET missing", "$-1\r\n", "GET of a missing key: no refused HELLO switched to RESP3");
  }

  @Test
  @Tag("task:2")
  @DisplayName("requirepass: HELLO needs AUTH first, or HELLO 3 AUTH default <password>")
  void helloWithPassword() throws IOException {
    var c = connect(server(PASSWORD));
    c.expect(
        "HELLO 3",
        "-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO"
            + " AUTH <user> <pass> option can be used to authenticate the client and select the"
            + " RESP protocol version at the same time\r\n",
        "HELLO 3 before authenticating (the table lets HELLO through: your code must refuse)");
    c.expect(
        "HELLO 4",
        "-NOPROTO unsupported protocol version\r\n",
        "HELLO 4 before authenticating: the version is checked first");
    c.expect(
        "HELLO 3 AUTH default wrong",
        "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
        "HELLO 3 with a wrong password");
    c.expect("PING", "-NOAUTH Authentication required.\r\n", "PING after that");
    c.expectHello(
        "HELLO 3 AUTH default " + PASSWORD,
        3,
        "HELLO 3 AUTH default <password>: authenticates and switches in one round trip, which is"
            + " how Lettuce connects to a server with a password");
    c.expect("PING", "+PONG\r\n", "PING after HELLO authenticated");
  }

  // ---- task 3: CLIENT ---------------------------------------------------------------------------

  @Test
  @Tag("task:3")
  @DisplayName("CLIENT ID is the id HELLO reported; every connection has its own")
  void clientId() throws IOException {
    ReferenceServer server = server(null);
    var c = connect(server);
    long id = c.expectHello("HELLO", 2, "HELLO, to learn this connection's id");
    c.expect("CLIENT ID", ":" + id + "\r\n", "CLIENT ID: session.client().id(), as an integer");
    var d = connect(server);
    long other = d.expectHello("HELLO", 2, "HELLO on a second connection");
    assertThat(other).as("the ids of two connections").isNotEqualTo(id);
    d.expect("client id", ":" + other + "\r\n", "client id, in lower case, on the second one");
  }

  @Test
  @Tag("task:3")
  @DisplayName("CLIENT SETNAME / GETNAME, also through HELLO SETNAME; an empty name clears it")
  void clientNames() throws IOException {
    var c = connect(server(null));
    c.expect("CLIENT GETNAME", "$-1\r\n", "CLIENT GETNAME before any name: a null bulk");
    c.expect("CLIENT SETNAME app-1", "+OK\r\n", "CLIENT SETNAME app-1");
    c.expect("CLIENT GETNAME", "$5\r\napp-1\r\n", "CLIENT GETNAME after it");
    c.expect(
        "CLIENT SETNAME a\\x20b",
        "-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
        "CLIENT SETNAME with a space: names are '!'..'~' only, so CLIENT LIST stays parsable");
    c.expect("CLIENT GETNAME", "$5\r\napp-1\r\n", "CLIENT GETNAME after the refused SETNAME");
    c.expect("CLIENT SETNAME \"\"", "+OK\r\n", "CLIENT SETNAME with an empty name");
    c.expect("CLIENT GETNAME", "$-1\r\n", "CLIENT GETNAME after the empty name cleared it");
    c.expectHello("HELLO 3 SETNAME worker", 3, "HELLO 3 SETNAME worker");
    c.expect(
        "CLIENT GETNAME",
        "$6\r\nworker\r\n",
        "CLIENT GETNAME after HELLO 3 SETNAME worker (now in RESP3)");
  }

  @Test
  @Tag("task:3")
  @DisplayName("CLIENT SETINFO LIB-NAME / LIB-VER, as Lettuce sends them after HELLO")
  void clientSetinfo() throws IOException {
    var c = connect(server(null));
    c.expect("CLIENT SETINFO LIB-NAME Lettuce", "+OK\r\n", "CLIENT SETINFO LIB-NAME Lettuce");
    c.expect("CLIENT SETINFO lib-ver 7.7.0", "+OK\r\n", "CLIENT SETINFO lib-ver 7.7.0");
    c.expect(
        "CLIENT SETINFO lib-os linux",
        "-ERR Unrecognized option 'lib-os'\r\n",
        "an attribute other than lib-name and lib-ver");
    c.expect(
        "CLIENT SETINFO lib-name a\\x20b",
        "-ERR lib-name cannot contain spaces, newlines or special characters.\r\n",
        "a value with a space (the attribute as sent starts the message)");
  }

  @Test
  @Tag("task:3")
  @DisplayName("unknown subcommands and wrong argument counts, in Redis's words")
  void clientErrors() throws IOException {
    var c = connect(server(null));
    c.expect(
        "CLIENT FOO",
        "-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n",
        "an unknown subcommand: Replies.unknownSubcommand(\"client\", args.get(1))");
    c.expect(
        "CLIENT foo bar",
        "-ERR unknown subcommand 'foo'. Try CLIENT HELP.\r\n",
        "an unknown subcommand with an argument: unknown comes before any count check");
    c.expect(
        "CLIENT ID 1",
        "-ERR wrong number of arguments for 'client|id' command\r\n",
        "CLIENT ID with an argument: Replies.wrongArity(\"client|id\")");
    c.expect(
        "CLIENT SETNAME",
        "-ERR wrong number of arguments for 'client|setname' command\r\n",
        "CLIENT SETNAME without a name");
    c.expect(
        "CLIENT SETINFO lib-name",
        "-ERR wrong number of arguments for 'client|setinfo' command\r\n",
        "CLIENT SETINFO without a value");
    c.expect(
        "CLIENT",
        "-ERR wrong number of arguments for 'client' command\r\n",
        "CLIENT alone: arity -2, so the table answers");
  }

  // ---- task 4: real clients ---------------------------------------------------------------------

  @Test
  @Tag("task:4")
  @DisplayName("Lettuce connects with HELLO 3 (RESP3), sets, gets and names its connection")
  void lettuce() throws Exception {
    ReferenceServer server = server(null);
    var lettuce = lettuce("redis://127.0.0.1:" + server.port());
    try (var connection = lettuce.connect()) {
      var sync = connection.sync();
      assertThat(sync.set("greeting", "hello")).as("Lettuce SET greeting hello").isEqualTo("OK");
      assertThat(sync.get("greeting")).as("Lettuce GET greeting").isEqualTo("hello");
      assertThat(sync.get("missing")).as("Lettuce GET missing (a RESP3 null, _)").isNull();
      var state =
          ((io.lettuce.core.StatefulRedisConnectionImpl<?, ?>) connection).getConnectionState();
      assertThat(state.getNegotiatedProtocolVersion())
          .as(
              "the protocol Lettuce settled on: it opens with HELLO 3 and falls back to RESP2 only"
                  + " when HELLO is unknown or answers NOPROTO")
          .isEqualTo(io.lettuce.core.protocol.ProtocolVersion.RESP3);
      assertThat(sync.clientId())
          .as("Lettuce CLIENT ID against the id your HELLO reply gave it")
          .isEqualTo(state.getConnectionId());
      assertThat(sync.clientSetname("lettuce-app")).as("Lettuce CLIENT SETNAME").isEqualTo("OK");
      assertThat(sync.clientGetname()).as("Lettuce CLIENT GETNAME").isEqualTo("lettuce-app");
    }
  }

  @Test
  @Tag("task:4")
  @DisplayName("with a password: Lettuce (HELLO 3 AUTH) and Jedis (AUTH) get in; a wrong one fails")
  void clientsWithPassword() throws Exception {
    ReferenceServer server = server(PASSWORD);
    var lettuce = lettuce("redis://:" + PASSWORD + "@127.0.0.1:" + server.port());
    try (var connection = lettuce.connect()) {
      assertThat(connection.sync().set("k", "from-lettuce"))
          .as("Lettuce SET after connecting with the password in its URI (HELLO 3 AUTH default)")
          .isEqualTo("OK");
    }
    var wrong = lettuce("redis://:wrong@127.0.0.1:" + server.port());
    Throwable refused = catchThrowable(wrong::connect);
    assertThat(refused)
        .as("Lettuce connecting with a wrong password: HELLO must answer WRONGPASS, so it fails")
        .isInstanceOf(io.lettuce.core.RedisConnectionException.class);
    try (var jedis = new redis.clients.jedis.Jedis("127.0.0.1", server.port())) {
      assertThat(jedis.auth(PASSWORD)).as("Jedis AUTH <password>").isEqualTo("OK");
      assertThat(jedis.get("k")).as("Jedis GET k, written by Lettuce").isEqualTo("from-lettuce");
    }
    var config = redis.clients.jedis.DefaultJedisClientConfig.builder().password(PASSWORD).build();
    try (var jedis =
        new redis.clients.jedis.Jedis(
            new redis.clients.jedis.HostAndPort("127.0.0.1", server.port()), config)) {
      assertThat(jedis.ping()).as("Jedis PING with the password in its config").isEqualTo("PONG");
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** A reference server with the learner's handshake, closed after the test. */
  private ReferenceServer server(String requirepass) throws IOException {
    CommandTable table =
        new CommandTable()
            .add(ReferenceCommands.connection())
            .add(ReferenceCommands.strings())
            .add(new HandshakeCommands());
    var config = ServerConfig.defaults(RespRequestDecoder::new).withRequirepass(requirepass);
    ReferenceServer server = ReferenceServer.start(config, table, new Db());
    open.add(server);
    return server;
  }

  private Connection connect(ReferenceServer server) throws IOException {
    var c = new Connection(server);
    open.add(c);
    return c;
  }

  /** Lettuce's event loops, shared by the tests that use it (they take a while to start). */
  private static io.lettuce.core.resource.ClientResources resources;

  @AfterAll
  static void stopLettuce() throws Exception {
    if (resources == null) return;
    resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
    // netty's global executor thread lingers a second after its last task: wait it out, so no
    // thread outlives the grader
    io.netty.util.concurrent.GlobalEventExecutor.INSTANCE.awaitInactivity(3, TimeUnit.SECONDS);
  }

  /** A Lettuce client with a 5 s timeout, shut down after the test. */
  private io.lettuce.core.RedisClient lettuce(String uri) {
    if (resources == null) {
      resources =
          io.lettuce.core.resource.DefaultClientResources.builder()
              .ioThreadPoolSize(2)
              .computationThreadPoolSize(2)
              .build();
    }
    var redisUri = io.lettuce.core.RedisURI.create(uri);
    redisUri.setTimeout(Duration.ofSeconds(5));
    var client = io.lettuce.core.RedisClient.create(resources, redisUri);
    open.add(() -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
    return client;
  }

  /** HELLO's reply as this server gives it: Redis's seven fields, this server's name. */
  static RespValue helloMap(int protocol, long id) {
    Map<RespValue, RespValue> map = new LinkedHashMap<>();
    map.put(RespValue.bulk("server"), RespValue.bulk(ReferenceCommands.SERVER_NAME));
    map.put(RespValue.bulk("version"), RespValue.bulk(ReferenceCommands.VERSION));
    map.put(RespValue.bulk("proto"), RespValue.integer(protocol));
    map.put(RespValue.bulk("id"), RespValue.integer(id));
    map.put(RespValue.bulk("mode"), RespValue.bulk("standalone"));
    map.put(RespValue.bulk("role"), RespValue.bulk("master"));
    map.put(RespValue.bulk("modules"), RespValue.array());
    return new RespValue.MapReply(map);
  }

  static String show(byte[] bytes) {
    return RespValue.Printable.of(bytes);
  }

  /**
   * A raw connection: commands are written as multibulk requests, split on spaces, with {@code
   * \x20} for a space inside an argument and {@code ""} for an empty one.
   */
  private static final class Connection implements AutoCloseable {
    private final Socket socket = new Socket();
    private final ReferenceServer server;
    private final InputStream in;
    private final OutputStream out;

    Connection(ReferenceServer server) throws IOException {
      this.server = server;
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2000);
      socket.setSoTimeout(2000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    /** Sends {@code command}; returns the raw reply. */
    byte[] send(String command, String what) throws IOException {
      List<String> args = new ArrayList<>();
      for (String word : command.split(" ")) {
        args.add(word.equals("\"\"") ? "" : word.replace("\\x20", " "));
      }
      out.write(RespValue.bulkArray(args).encode());
      out.flush();
      try {
        return RespReader.readRaw(in);
      } catch (IOException e) {
        throw new AssertionError(
            "no reply to " + command + " (" + what + "): " + e.getMessage() + failure(), e);
      }
    }

    void expect(String command, String reply, String what) throws IOException {
      byte[] got = send(command, what);
      assertThat(show(got))
          .as("the reply to %s: %s%s", command.replace("\\x20", " "), what, failure())
          .isEqualTo(show(reply.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Sends a HELLO that must succeed; checks its bytes in {@code protocol}; returns the id. */
    long expectHello(String command, int protocol, String what) throws IOException {
      byte[] got = send(command, what);
      RespValue value = RespReader.read(new ByteArrayInputStream(got));
      long id = -1;
      List<RespValue> flat = new ArrayList<>();
      if (value instanceof RespValue.MapReply m) {
        m.entries()
            .forEach(
                (k, v) -> {
                  flat.add(k);
                  flat.add(v);
                });
      } else if (value instanceof RespValue.Array a) {
        flat.addAll(a.items());
      }
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        if (flat.get(i).equals(RespValue.bulk("id"))
            && flat.get(i + 1) instanceof RespValue.Int n) {
          id = n.value();
        }
      }
      if (id < 1) {
        fail(
            "the reply to %s (%s) should be HELLO's map with a positive id, got \"%s\"%s",
            command, what, show(got), failure());
      }
      assertThat(show(got))
          .as(
              "the reply to %s: %s. HELLO's map in this order: server, version, proto, id, mode,"
                  + " role, modules; in RESP2 a flat array *14, in RESP3 a map %%7%s",
              command, what, failure())
          .isEqualTo(show(helloMap(protocol, id).encode(protocol)));
      return id;
    }

    private String failure() {
      Throwable t = server.firstCommandFailure();
      return t == null ? "" : " (your code threw, inside the server: " + t + ")";
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
