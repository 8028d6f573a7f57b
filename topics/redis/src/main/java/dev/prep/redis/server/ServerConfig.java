package dev.prep.redis.server;

import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a server is set up. Defaults follow redis.conf where Redis has the setting: {@code maxclients
 * 10000}, {@code client-query-buffer-limit 1gb} (1 MiB before authentication when a password is
 * set), {@code maxmemory 0} (no limit), {@code hz 10}; the server binds loopback only, which is
 * Redis's {@code bind 127.0.0.1 -::1} plus protected mode in effect.
 *
 * @param bindAddress the address to listen on; loopback unless told otherwise
 * @param port 0 for any free port
 * @param requirepass null for none; otherwise clients must AUTH first (NOAUTH otherwise)
 * @param maxClients connections beyond this get {@code -ERR max number of clients reached} and are
 *     closed
 * @param queryBufferLimit bytes a client may have sent and not yet had parsed; beyond it the
 *     connection is closed
 * @param maxmemory bytes ({@link Db#usedMemory()}); 0 = no limit
 * @param eviction what to do over {@code maxmemory}
 * @param clock the keyspace's clock: a {@link ManualClock} in tests
 * @param decoders makes each connection's request decoder
 * @param hz how often per second the server runs its background cycle (active expiry)
 * @param cron the background cycle: runs {@code hz} times a second on the server's thread, between
 *     commands (Redis's {@code serverCron}); the reference server's expires keys in it
 */
public record ServerConfig(
    String bindAddress,
    int port,
    String requirepass,
    int maxClients,
    long queryBufferLimit,
    long maxmemory,
    EvictionStrategy eviction,
    InstantSource clock,
    Function<Client, RequestDecoder> decoders,
    int hz,
    Consumer<Db> cron) {

  public static final int DEFAULT_MAX_CLIENTS = 10_000;
  public static final long DEFAULT_QUERY_BUFFER_LIMIT = 1L << 30;

  /** Redis lets an unauthenticated client buffer at most 1 MiB ({@code networking.c}). */
  public static final long UNAUTHENTICATED_QUERY_BUFFER_LIMIT = 1L << 20;

  public ServerConfig {
    if (port < 0 || port > 65_535) throw new IllegalArgumentException("port " + port);
    if (maxClients < 1) throw new IllegalArgumentException("maxClients " + maxClients);
    if (hz < 1 || hz > 500) { // redis.conf: "The range is between 1 and 500"
      throw new IllegalArgumentException("hz " + hz + " (1..500)");
    }
    java.util.Objects.requireNonNull(bindAddress, "bindAddress");
    java.util.Objects.requireNonNull(decoders, "decoders");
    java.util.Objects.requireNonNull(cron, "cron");
  }

  /**
   * Loopback, a free port, no password, Redis's limits, no maxmemory, the system clock, the given
   * decoders, 10 background cycles a second that do nothing.
   */
  public static ServerConfig defaults(Function<Client, RequestDecoder> decoders) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        null,
        DEFAULT_MAX_CLIENTS,
        DEFAULT_QUERY_BUFFER_LIMIT,
        0,
        EvictionStrategy.NO_EVICTION,
        InstantSource.system(),
        decoders,
        10,
        db -> {});
  }

  public ServerConfig withPort(int port) {
    return with(b -> b.port = port);
  }

  public ServerConfig withBindAddress(String address) {
    return with(b -> b.bindAddress = address);
  }

  public ServerConfig withRequirepass(String password) {
    return with(b -> b.requirepass = password);
  }

  public ServerConfig withMaxClients(int max) {
    return with(b -> b.maxClients = max);
  }

  public ServerConfig withQueryBufferLimit(long limit) {
    return with(b -> b.queryBufferLimit = limit);
  }

  public ServerConfig withMaxmemory(long bytes, EvictionStrategy strategy) {
    return with(
        b -> {
          b.maxmemory = bytes;
          b.eviction = strategy;
        });
  }

  public ServerConfig withClock(InstantSource c) {
    return with(b -> b.clock = c);
  }

  public ServerConfig withDecoders(Function<Client, RequestDecoder> d) {
    return with(b -> b.decoders = d);
  }

  public ServerConfig withHz(int h) {
    return with(b -> b.hz = h);
  }

  /** The background cycle, run {@link #hz} times a second on the server's thread. */
  public ServerConfig withCron(Consumer<Db> c) {
    return with(b -> b.cron = c);
  }

  /** A copy with one or more settings changed (through the canonical constructor's checks). */
  private ServerConfig with(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The settings as mutable fields, for {@link #with}. */
  private static final class Copy {
    String bindAddress;
    int port;
    String requirepass;
    int maxClients;
    long queryBufferLimit;
    long maxmemory;
    EvictionStrategy eviction;
    InstantSource clock;
    Function<Client, RequestDecoder> decoders;
    int hz;
    Consumer<Db> cron;

    Copy(ServerConfig c) {
      bindAddress = c.bindAddress;
      port = c.port;
      requirepass = c.requirepass;
      maxClients = c.maxClients;
      queryBufferLimit = c.queryBufferLimit;
      maxmemory = c.maxmemory;
      eviction = c.eviction;
      clock = c.clock;
      decoders = c.decoders;
      hz = c.hz;
      cron = c.cron;
    }

    ServerConfig build() {
      return new ServerConfig(
          bindAddress,
          port,
          requirepass,
          maxClients,
          queryBufferLimit,
          maxmemory,
          eviction,
          clock,
          decoders,
          hz,
          cron);
    }
  }
}
