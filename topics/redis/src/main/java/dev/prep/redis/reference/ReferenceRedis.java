package dev.prep.redis.reference;

import dev.prep.redis.server.Db;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.RespRequestDecoder;
import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.commands.ReferenceCommands;
import java.io.IOException;
import java.util.random.RandomGenerator;

/**
 * The whole reference Redis, assembled: the event loop ({@code server}) with every command ({@code
 * server.commands}) and active expiry in its cron. It lives apart from both so that they depend one
 * way only: the commands on the server's API, this on both.
 */
public final class ReferenceRedis {
  private ReferenceRedis() {}

  /**
   * The reference Redis on a fresh keyspace (system clock): every command of {@link
   * ReferenceCommands#all()}, loopback, a free port, active expiry in the cron.
   */
  public static ReferenceServer start() throws IOException {
    return ReferenceServer.start(
        withActiveExpiry(ServerConfig.defaults(RespRequestDecoder::new)),
        ReferenceCommands.all(),
        new Db());
  }

  /**
   * {@code config} with the reference's cron: Redis's slow active-expiry cycle, which may use 25%
   * of each cron period ({@code ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC}, redis/redis {@code
   * src/expire.c}): 25 ms at {@code hz 10}.
   */
  public static ServerConfig withActiveExpiry(ServerConfig config) {
    long timeLimitMicros = 25 * 1_000_000L / config.hz() / 100;
    RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
    return config.withCron(db -> ReferenceCommands.activeExpireCycle(db, random, timeLimitMicros));
  }
}
