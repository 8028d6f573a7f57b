package dev.prep.redis.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
@DisplayName("prep redis-server: its options, and one line for each mistake")
class RedisServerMainTest {

  @Test
  @DisplayName("no options: port 6379, no password, no memory limit")
  void defaults() throws Exception {
    assertThat(RedisServerMain.parse(List.of()))
        .isEqualTo(new RedisServerMain.Options(6379, null, 0, "noeviction"));
    assertThat(
            RedisServerMain.parse(
                List.of(
                    "--port",
                    "7000",
                    "--requirepass",
                    "pw",
                    "--maxmemory",
                    "100mb",
                    "--maxmemory-policy",
                    "ALLKEYS-LRU")))
        .isEqualTo(new RedisServerMain.Options(7000, "pw", 100L << 20, "allkeys-lru"));
  }

  @ParameterizedTest(name = "{0} = {1} bytes")
  @DisplayName("--maxmemory takes Redis's units: k is 1000, kb is 1024")
  @CsvSource({
    "0, 0",
    "1048576, 1048576",
    "1k, 1000",
    "1kb, 1024",
    "2M, 2000000",
    "2mb, 2097152",
    "1g, 1000000000",
    "1GB, 1073741824"
  })
  void memoryUnits(String text, long bytes) throws Exception {
    assertThat(RedisServerMain.memory(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("a bad option or value is one line that says what is expected")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --port 0             | --port 0: a port is a number from 1 to 65535
          --port http          | --port http: a port is a number from 1 to 65535
          --maxmemory 10tb     | --maxmemory 10tb: bytes, e.g. 100mb, 1gb or 1048576
          --maxmemory-policy lru | --maxmemory-policy lru: not one of noeviction, allkeys-lru,
          --bind 0.0.0.0       | unknown option '--bind'
          --port               | --port needs a value
          """)
  void mistakes(String args, String message) {
    assertThatThrownBy(() -> RedisServerMain.parse(List.of(args.split(" "))))
        .isInstanceOf(RedisServerMain.UsageError.class)
        .hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("a port in use: one line naming it and what to do, status 2, no stack trace")
  void portInUse() throws Exception {
    try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      int status =
          RedisServerMain.run(
              List.of("--port", Integer.toString(taken.getLocalPort())),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(status).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "port "
                  + taken.getLocalPort()
                  + " is in use: pass --port N, or stop the process holding it"
                  + System.lineSeparator());
      assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  @DisplayName("the banner says where it listens and how to try it")
  void banner() {
    assertThat(RedisServerMain.banner(new RedisServerMain.Options(6380, null, 0, "noeviction")))
        .isEqualTo(
            "Prep reference Redis listening on 127.0.0.1:6380 (Ctrl-C to stop);"
                + " try: redis-cli -p 6380 ping");
  }
}
