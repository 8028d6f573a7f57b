package dev.prep.redis.grading;

import dev.prep.redis.server.CommandGroup;
import dev.prep.redis.server.CommandTable;
import dev.prep.redis.server.Db;
import dev.prep.redis.server.ManualClock;
import dev.prep.redis.server.ReferenceServer;
import dev.prep.redis.server.RespRequestDecoder;
import dev.prep.redis.server.ServerConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * The reference event loop with a command stage plugged in: the reference groups a stage needs (its
 * connection commands, and SET or DEL where the stage does not own them) plus the learner's groups,
 * on a manual clock. Each learner group registers alone, and one whose {@code register} throws is
 * remembered rather than fatal, so finished groups are graded while others are still TODO.
 */
public final class StageServer implements AutoCloseable {
  private final ReferenceServer server;
  private final Map<Class<?>, RuntimeException> registerFailures;

  private StageServer(ReferenceServer server, Map<Class<?>, RuntimeException> registerFailures) {
    this.server = server;
    this.registerFailures = registerFailures;
  }

  /** Starts the server on {@code clock} with {@code reference}'s commands, then the learner's. */
  public static StageServer start(
      ManualClock clock, List<CommandGroup> reference, CommandGroup... learner) throws IOException {
    CommandTable table = new CommandTable();
    reference.forEach(table::add);
    Map<Class<?>, RuntimeException> failures = new HashMap<>();
    for (CommandGroup group : learner) {
      try {
        table.add(group);
      } catch (RuntimeException e) {
        failures.put(group.getClass(), e);
      }
    }
    ServerConfig config = ServerConfig.defaults(RespRequestDecoder::new).withClock(clock);
    return new StageServer(ReferenceServer.start(config, table, new Db(clock)), failures);
  }

  public ReferenceServer server() {
    return server;
  }

  /** What the learner group's {@code register} threw, or null if it registered. */
  public RuntimeException registerFailure(Class<? extends CommandGroup> group) {
    return registerFailures.get(group);
  }

  /**
   * Fails the test when {@code group} could not register: "{@code X.register(table) threw E}" and
   * then {@code advice}, such as ": finish task 1 first".
   */
  public void requireRegistered(Class<? extends CommandGroup> group, String advice) {
    RuntimeException failure = registerFailures.get(group);
    if (failure != null) {
      throw new AssertionFailedError(
          group.getSimpleName() + ".register(table) threw " + failure + advice);
    }
  }

  /** FLUSHALL over a connection of its own: each test starts on an empty keyspace. */
  public void flushAll() throws IOException {
    try (RawConnection wire = new RawConnection(server)) {
      wire.call("FLUSHALL");
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
