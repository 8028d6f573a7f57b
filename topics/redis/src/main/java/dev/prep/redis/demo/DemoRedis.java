package dev.prep.redis.demo;

import dev.prep.redis.reference.ReferenceRedis;
import dev.prep.redis.server.ReferenceServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The Redis a demo talks to: by default the course's reference server, started in the demo's JVM on
 * a free loopback port and stopped when the demo ends; with {@code --redis redis://host:port} a
 * server of your own, such as a real {@code redis-server}. Demos name their keys {@code demo:...}
 * and delete them before and after they run, so a real server keeps nothing of theirs.
 */
final class DemoRedis implements AutoCloseable {

  /** Jedis's socket timeout: generous, because 200 clients may share two busy cores. */
  private static final int TIMEOUT_MILLIS = 10_000;

  private final ReferenceServer server; // null when --redis names a server
  private final URI uri;

  private DemoRedis(ReferenceServer server, URI uri) {
    this.server = server;
    this.uri = uri;
  }

  /**
   * Parses {@code [--redis redis://host:port]} and starts or reaches the server.
   *
   * @throws IllegalArgumentException a bad command line or an unreachable server, with a message
   *     for people
   */
  static DemoRedis open(String demo, String[] args) throws IOException {
    String usage = "usage: prep demo redis " + demo + " -- [--redis redis://host:port]";
    if (args.length == 0) {
      ReferenceServer server = ReferenceRedis.start();
      return new DemoRedis(server, URI.create(server.uri()));
    }
    if (args.length != 2 || !args[0].equals("--redis")) {
      throw new IllegalArgumentException(usage);
    }
    URI uri;
    try {
      uri = new URI(args[1]);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(usage + " (not a URI: " + args[1] + ")", e);
    }
    if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException(usage + " (expected redis://host:port, got " + uri + ")");
    }
    var redis = new DemoRedis(null, uri);
    try (Jedis jedis = redis.connect()) {
      jedis.ping();
    } catch (JedisConnectionException e) {
      throw new IllegalArgumentException(
          "cannot reach "
              + shown(uri)
              + " ("
              + e.getMessage().replaceAll("\\.$", "")
              + "): start a server there, or leave out --redis to use the reference server",
          e);
    } catch (JedisDataException e) { // NOAUTH and the like: the server is there but says no
      throw new IllegalArgumentException(
          shown(uri)
              + " answered PING with \""
              + e.getMessage()
              + "\": give the password in the URI (redis://:password@host:port)",
          e);
    }
    return redis;
  }

  /**
   * Runs a demo's body against the server its command line names; a usage or connection problem is
   * one line on stderr and exit status 2, as for every demo.
   */
  static void run(String demo, String[] args, Body body) throws Exception {
    DemoRedis redis;
    try {
      redis = open(demo, args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try (redis) {
      body.run(redis);
    }
  }

  /** What a demo does with its server. */
  @FunctionalInterface
  interface Body {
    void run(DemoRedis redis) throws Exception;
  }

  /** A new connection: Jedis connections are not thread-safe, so one per thread. */
  Jedis connect() {
    return new Jedis(uri, TIMEOUT_MILLIS);
  }

  /**
   * A new connection over {@code socket}, which this connects: for a demo that counts what goes
   * through the socket.
   */
  Jedis connectOver(Socket socket) {
    HostAndPort address = JedisURIHelper.getHostAndPort(uri);
    var config =
        DefaultJedisClientConfig.builder()
            .socketTimeoutMillis(TIMEOUT_MILLIS)
            .user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri))
            .database(JedisURIHelper.getDBIndex(uri))
            .build();
    return new Jedis(
        () -> {
          try {
            socket.setTcpNoDelay(true); // as Jedis's own sockets: no Nagle delay on small writes
            socket.connect(
                new InetSocketAddress(address.getHost(), address.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return socket;
          } catch (IOException e) {
            throw new JedisConnectionException(e);
          }
        },
        config);
  }

  URI uri() {
    return uri;
  }

  /** The line every demo prints under its title. */
  String describe() {
    return server != null
        ? "Server: the reference server, in this JVM at " + uri
        : "Server: " + shown(uri) + " (from --redis)";
  }

  /** The URI without its password, for messages. */
  private static String shown(URI uri) {
    return "redis://" + uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
