package dev.prep.redis.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.server.ServerConfig;
import dev.prep.redis.server.Session;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MULTI, EXEC, DISCARD and WATCH behave as in redis-server 7.0.15 (multi.c)")
class TransactionGroupTest {

  private final InProcessRedis redis = new InProcessRedis();

  @Test
  @DisplayName("commands are queued, then EXEC runs them in order and replies every result")
  void execRunsTheQueue() {
    assertThat(redis.run("MULTI")).isEqualTo("+OK\r\n");
    assertThat(redis.run("SET a 1")).isEqualTo("+QUEUED\r\n");
    assertThat(redis.run("INCR a")).isEqualTo("+QUEUED\r\n");
    assertThat(redis.run("GET a")).isEqualTo("+QUEUED\r\n");
    assertThat(redis.run("EXEC")).isEqualTo("*3\r\n+OK\r\n:2\r\n$1\r\n2\r\n");
  }

  @Test
  @DisplayName(
      "no rollback: a command that fails inside EXEC puts its error in the array, the rest run")
  void noRollback() {
    redis.given("MULTI", "SET a 1", "LPUSH a x", "INCR a");
    assertThat(redis.run("EXEC"))
        .isEqualTo(
            "*3\r\n+OK\r\n-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
                + ":2\r\n");
  }

  @Test
  @DisplayName("an unknown command or a wrong arity while queueing makes EXEC answer EXECABORT")
  void queueErrorsAbort() {
    redis.given("SET a 0", "MULTI", "SET a 1");
    assertThat(redis.run("NOSUCH x")).startsWith("-ERR unknown command 'NOSUCH'");
    assertThat(redis.run("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
    assertThat(redis.run("EXEC"))
        .isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
    assertThat(redis.run("GET a")).as("nothing ran").isEqualTo("$1\r\n0\r\n");
    assertThat(redis.run("EXEC"))
        .as("the transaction is over")
        .isEqualTo("-ERR EXEC without MULTI\r\n");
  }

  @Test
  @DisplayName("nested MULTI, EXEC or DISCARD without MULTI, WATCH inside MULTI: Redis's errors")
  void misuse() {
    assertThat(redis.run("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
    assertThat(redis.run("DISCARD")).isEqualTo("-ERR DISCARD without MULTI\r\n");
    redis.given("MULTI");
    assertThat(redis.run("MULTI")).isEqualTo("-ERR MULTI calls can not be nested\r\n");
    assertThat(redis.run("WATCH a")).isEqualTo("-ERR WATCH inside MULTI is not allowed\r\n");
    assertThat(redis.run("EXEC")).as("neither error aborts the transaction").isEqualTo("*0\r\n");
  }

  @Test
  @DisplayName("DISCARD drops the queue")
  void discard() {
    redis.given("MULTI", "SET x 1");
    assertThat(redis.run("DISCARD")).isEqualTo("+OK\r\n");
    assertThat(redis.run("GET x")).isEqualTo("$-1\r\n");
  }

  @Test
  @DisplayName("WATCH: another client's write to a watched key makes EXEC reply a null array")
  void watchSeesAnotherClient() {
    Session other = redis.newSession(2);
    redis.given("SET balance 100", "WATCH balance");
    redis.run(other, "INCRBY balance 50");
    redis.given("MULTI", "DECRBY balance 30");
    assertThat(redis.run("EXEC")).isEqualTo("*-1\r\n");
    assertThat(redis.run("GET balance")).isEqualTo("$3\r\n150\r\n");
  }

  @Test
  @DisplayName("WATCH: an untouched key lets EXEC run; EXEC and DISCARD unwatch every key")
  void watchUntouched() {
    Session other = redis.newSession(2);
    redis.given("SET balance 100", "WATCH balance", "MULTI", "DECRBY balance 30");
    assertThat(redis.run("EXEC")).isEqualTo("*1\r\n:70\r\n");
    redis.run(other, "SET balance 0");
    redis.given("MULTI", "GET balance");
    assertThat(redis.run("EXEC")).as("no longer watched").isEqualTo("*1\r\n$1\r\n0\r\n");
  }

  @Test
  @DisplayName("WATCH: the client's own write, a created key, or an expiry all count as changes")
  void watchOtherChanges() {
    redis.given("SET a 1", "WATCH a", "SET a 2", "MULTI", "GET a");
    assertThat(redis.run("EXEC")).as("own write").isEqualTo("*-1\r\n");
    redis.given("WATCH missing", "SET missing 1", "MULTI", "PING");
    assertThat(redis.run("EXEC")).as("key created").isEqualTo("*-1\r\n");
    redis.given("SET t 1 PX 100", "WATCH t");
    redis.clock.advance(Duration.ofMillis(101));
    redis.given("MULTI", "PING");
    assertThat(redis.run("EXEC")).as("key expired").isEqualTo("*-1\r\n");
    redis.given("SET u 1", "WATCH u", "UNWATCH", "SET u 2", "MULTI", "PING");
    assertThat(redis.run("EXEC")).as("after UNWATCH").isEqualTo("*1\r\n+PONG\r\n");
  }

  @Test
  @DisplayName(
      "over maxmemory with nothing to evict, MULTI queues nothing and EXEC aborts (7.0.15)")
  void execOutOfMemory() {
    var config =
        ServerConfig.defaults(c -> null)
            .withMaxmemory(200, ReferenceCommands.eviction("noeviction", 5));
    var small = new InProcessRedis(config);
    small.given("SET k " + "x".repeat(300), "MULTI");
    String oom = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";
    assertThat(small.run("SET a 1")).isEqualTo(oom);
    assertThat(small.run("GET k"))
        .as("inside MULTI even a read is refused: queueing takes memory")
        .isEqualTo(oom);
    assertThat(small.run("EXEC"))
        .isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
    assertThat(small.run("GET k")).as("outside MULTI reads still run").startsWith("$300\r\n");
  }
}
