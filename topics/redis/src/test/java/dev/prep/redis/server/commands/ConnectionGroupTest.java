package dev.prep.redis.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.server.ServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connection, keyspace and introspection commands (server.c, db.c, config.c)")
class ConnectionGroupTest {

  private final InProcessRedis redis = new InProcessRedis();

  @Test
  @DisplayName("PING, ECHO, SELECT, QUIT")
  void connection() {
    assertThat(redis.run("PING")).isEqualTo("+PONG\r\n");
    assertThat(redis.run("PING hi")).isEqualTo("$2\r\nhi\r\n");
    assertThat(redis.run("PING a b"))
        .isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
    assertThat(redis.run("ECHO \"two words\"")).isEqualTo("$9\r\ntwo words\r\n");
    assertThat(redis.run("SELECT 0")).isEqualTo("+OK\r\n");
    assertThat(redis.run("SELECT 1")).isEqualTo("-ERR DB index is out of range\r\n");
    assertThat(redis.run("SELECT x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(redis.run("QUIT")).isEqualTo("+OK\r\n");
    assertThat(redis.session.client().closeAfterReply()).isTrue();
  }

  @Test
  @DisplayName("DBSIZE, FLUSHALL [ASYNC|SYNC], KEYS with glob patterns, RANDOMKEY")
  void keyspace() {
    redis.given("SET user:1 a", "SET user:2 b", "SET order:1 c", "SET gone x PX 10");
    assertThat(redis.run("DBSIZE")).isEqualTo(":4\r\n");
    redis.clock.advanceMillis(11);
    assertThat(redis.run("KEYS user:*")).isEqualTo("*2\r\n$6\r\nuser:1\r\n$6\r\nuser:2\r\n");
    assertThat(redis.run("KEYS *")).as("not the expired key").startsWith("*3\r\n");
    assertThat(redis.run("KEYS ?rder:[0-9]")).isEqualTo("*1\r\n$7\r\norder:1\r\n");
    assertThat(redis.run("RANDOMKEY")).matches("\\$\\d\\r\\n(user:1|user:2|order:1)\\r\\n");
    assertThat(redis.run("FLUSHALL bogus")).isEqualTo("-ERR syntax error\r\n");
    assertThat(redis.run("FLUSHALL ASYNC")).isEqualTo("+OK\r\n");
    assertThat(redis.run("DBSIZE")).isEqualTo(":0\r\n");
    assertThat(redis.run("RANDOMKEY")).isEqualTo("$-1\r\n");
  }

  @Test
  @DisplayName("TIME reads the keyspace's clock: seconds and microseconds")
  void time() {
    redis.clock.advanceMillis(1234);
    assertThat(redis.run("TIME")).isEqualTo("*2\r\n$10\r\n1767225601\r\n$6\r\n234000\r\n");
  }

  @Test
  @DisplayName("CONFIG GET answers what redis-benchmark asks; patterns match case-insensitively")
  void configGet() {
    assertThat(redis.run("CONFIG GET save")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
    assertThat(redis.run("CONFIG GET appendonly"))
        .isEqualTo("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
    assertThat(redis.run("CONFIG GET MAXMEMORY*"))
        .isEqualTo(
            "*6\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n$16\r\nmaxmemory-policy\r\n$10\r\nnoeviction\r\n"
                + "$17\r\nmaxmemory-samples\r\n$1\r\n5\r\n");
    assertThat(redis.run("CONFIG GET nothing")).isEqualTo("*0\r\n");
    assertThat(redis.run("CONFIG GET"))
        .isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
    assertThat(redis.run("CONFIG REWRITE"))
        .isEqualTo("-ERR unknown subcommand 'REWRITE'. Try CONFIG HELP.\r\n");
  }

  @Test
  @DisplayName("CONFIG SET accepts a setting's current value and explains why it refuses others")
  void configSet() {
    assertThat(redis.run("CONFIG SET maxmemory 0")).isEqualTo("+OK\r\n");
    assertThat(redis.run("CONFIG SET maxmemory 100"))
        .startsWith("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - ");
    assertThat(redis.run("CONFIG SET nope 1"))
        .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'nope'\r\n");
    assertThat(redis.run("CONFIG SET maxmemory 0 hz")).isEqualTo("-ERR syntax error\r\n");
  }

  @Test
  @DisplayName("COMMAND COUNT, INFO and DOCS describe the table they are registered in")
  void command() {
    int count = redis.table.names().size();
    assertThat(redis.run("COMMAND COUNT")).isEqualTo(":" + count + "\r\n");
    assertThat(redis.run("COMMAND INFO get nosuch"))
        .isEqualTo(
            "*2\r\n*10\r\n$3\r\nget\r\n:2\r\n*0\r\n:1\r\n:1\r\n:1\r\n*0\r\n*0\r\n*0\r\n*0\r\n"
                + "*-1\r\n");
    assertThat(redis.run("COMMAND INFO mset"))
        .contains("$4\r\nmset\r\n:-3\r\n*1\r\n+denyoom\r\n:1\r\n:-1\r\n:2\r\n");
    assertThat(redis.run("COMMAND DOCS")).isEqualTo("*0\r\n");
    assertThat(redis.run("COMMAND")).startsWith("*" + count + "\r\n");
    assertThat(redis.run("COMMAND NOPE"))
        .isEqualTo("-ERR unknown subcommand 'NOPE'. Try COMMAND HELP.\r\n");
  }

  @Test
  @DisplayName("INFO: sections as Redis formats them, this server's name, the keyspace line")
  void info() {
    redis.given("SET a 1", "SET b 2 EX 100");
    assertThat(redis.run("INFO keyspace"))
        .isEqualTo("$44\r\n# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n\r\n");
    assertThat(redis.run("INFO nosuchsection")).isEqualTo("$0\r\n\r\n");
    String all = redis.run("INFO");
    assertThat(all)
        .contains("# Server\r\nprep_version:1.0.0\r\nredis_mode:standalone\r\n")
        .contains("\r\n\r\n# Clients\r\nconnected_clients:1\r\nmaxclients:10000\r\n")
        .contains("# Memory\r\nused_memory:")
        .contains("maxmemory_policy:noeviction\r\n")
        .contains("# Stats\r\ntotal_commands_processed:0\r\nexpired_keys:0\r\nevicted_keys:0\r\n")
        .doesNotContain("redis_version");
    assertThat(redis.run("INFO server clients"))
        .contains("# Server")
        .contains("# Clients")
        .doesNotContain("# Memory");
  }

  @Test
  @DisplayName("INFO reports the eviction policy and the keys it evicted")
  void infoEviction() {
    var config =
        ServerConfig.defaults(c -> null)
            .withMaxmemory(1_000, ReferenceCommands.eviction("allkeys-random", 5));
    var small = new InProcessRedis(config);
    for (int i = 0; i < 40; i++) small.run("SET key:" + i + " " + "x".repeat(50));
    assertThat(small.run("INFO memory"))
        .contains("maxmemory:1000\r\nmaxmemory_policy:allkeys-random\r\n");
    assertThat(small.run("INFO stats")).containsPattern("evicted_keys:[1-9]\\d*\r\n");
  }
}
