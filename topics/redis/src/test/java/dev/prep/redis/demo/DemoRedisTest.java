package dev.prep.redis.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

@DisplayName("DemoRedis: the reference server by default, --redis redis://host:port otherwise")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoRedisTest {

  @Test
  @DisplayName("without arguments it starts the reference server on a loopback port")
  void referenceByDefault() throws IOException {
    try (DemoRedis redis = DemoRedis.open("x", new String[0]);
        Jedis jedis = redis.connect()) {
      assertThat(jedis.ping()).isEqualTo("PONG");
      assertThat(redis.uri().toString()).startsWith("redis://127.0.0.1:");
      assertThat(redis.describe()).startsWith("Server: the reference server, in this JVM at ");
    }
  }

  @Test
  @DisplayName("--redis reaches a server of your own and says so")
  void external() throws IOException {
    try (DemoRedis reference = DemoRedis.open("x", new String[0]);
        DemoRedis redis =
            DemoRedis.open("x", new String[] {"--redis", reference.uri().toString()});
        Jedis jedis = redis.connect()) {
      assertThat(jedis.ping()).isEqualTo("PONG");
      assertThat(redis.describe()).isEqualTo("Server: " + reference.uri() + " (from --redis)");
    }
  }

  @Test
  @DisplayName("a bad command line or an unreachable server is one line that says what to do")
  void errors() throws IOException {
    assertThatThrownBy(() -> DemoRedis.open("pipelining", new String[] {"--verbose"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("usage: prep demo redis pipelining -- [--redis redis://host:port]");
    assertThatThrownBy(() -> DemoRedis.open("x", new String[] {"--redis", "http://localhost:1"}))
        .hasMessageEndingWith("(expected redis://host:port, got http://localhost:1)");
    int closed;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort(); // free once the socket closes
    }
    String uri = "redis://127.0.0.1:" + closed;
    assertThatThrownBy(() -> DemoRedis.open("x", new String[] {"--redis", uri}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot reach " + uri + " (")
        .hasMessageEndingWith(
            "): start a server there, or leave out --redis to use the reference server");
  }
}
