package dev.prep.redis.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.server.CommandTable;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("ReferenceCommands: the groups, and each command's arity as Redis 7.0.15 declares it")
class ReferenceCommandsTest {

  private static final CommandTable ALL = ReferenceCommands.all();

  @ParameterizedTest(name = "{0}: {1}")
  @DisplayName("arity matches COMMAND INFO on redis-server 7.0.15")
  @CsvSource({
    "ping,-1",
    "echo,2",
    "quit,-1",
    "select,2",
    "dbsize,1",
    "flushall,-1",
    "flushdb,-1",
    "command,-1",
    "config,-2",
    "info,-1",
    "time,1",
    "keys,2",
    "randomkey,1",
    "set,-3",
    "get,2",
    "setnx,3",
    "setex,4",
    "psetex,4",
    "getset,3",
    "getdel,2",
    "mset,-3",
    "msetnx,-3",
    "mget,-2",
    "append,3",
    "strlen,2",
    "incr,2",
    "decr,2",
    "incrby,3",
    "decrby,3",
    "del,-2",
    "unlink,-2",
    "exists,-2",
    "touch,-2",
    "type,2",
    "rename,3",
    "renamenx,3",
    "expire,-3",
    "pexpire,-3",
    "expireat,-3",
    "pexpireat,-3",
    "ttl,2",
    "pttl,2",
    "expiretime,2",
    "pexpiretime,2",
    "persist,2",
    "lpush,-3",
    "rpush,-3",
    "lpushx,-3",
    "rpushx,-3",
    "lpop,-2",
    "rpop,-2",
    "lrange,4",
    "llen,2",
    "lindex,3",
    "hset,-4",
    "hmset,-4",
    "hsetnx,4",
    "hget,3",
    "hmget,-3",
    "hdel,-3",
    "hgetall,2",
    "hkeys,2",
    "hvals,2",
    "hlen,2",
    "hexists,3",
    "hincrby,4",
    "zadd,-4",
    "zincrby,4",
    "zrem,-3",
    "zcard,2",
    "zscore,3",
    "zrange,-4",
    "zrevrange,-4",
    "zrangebyscore,-4",
    "zremrangebyscore,4",
    "zcount,4",
    "multi,1",
    "exec,1",
    "discard,1",
    "watch,-2",
    "unwatch,1",
    "auth,-2",
    "hello,-1",
    "client,-2"
  })
  void arity(String name, int arity) {
    assertThat(ALL.lookup(name)).as(name + " is registered").isNotNull();
    assertThat(ALL.lookup(name).arity()).isEqualTo(arity);
  }

  @Test
  @DisplayName(
      "all() is exactly the union of the nine groups, and connection() holds no data commands")
  void groups() {
    Set<String> union = new HashSet<>();
    for (var group :
        new dev.prep.redis.server.CommandGroup[] {
          ReferenceCommands.connection(), ReferenceCommands.strings(), ReferenceCommands.keys(),
          ReferenceCommands.expiry(), ReferenceCommands.lists(), ReferenceCommands.hashes(),
          ReferenceCommands.zsets(), ReferenceCommands.transactions(), ReferenceCommands.handshake()
        }) {
      union.addAll(new CommandTable().add(group).names());
    }
    assertThat(union).containsExactlyInAnyOrderElementsOf(ALL.names());
    assertThat(new CommandTable().add(ReferenceCommands.connection()).names())
        .contains("ping", "echo", "command", "config", "info")
        .doesNotContain("get", "set", "auth", "hello", "client", "multi");
  }
}
