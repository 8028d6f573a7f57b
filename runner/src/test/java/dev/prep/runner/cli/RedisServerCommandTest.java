package dev.prep.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("prep redis-server")
class RedisServerCommandTest {

  @Test
  @DisplayName("is a verb, and --help lists the options it passes to the server")
  void help() {
    var out = new StringWriter();
    var cl = PrepCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    int code = cl.execute("redis-server", "--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "Usage: prep redis-server",
            "--port=N",
            "--requirepass=PASSWORD",
            "--maxmemory=BYTES",
            "--maxmemory-policy=NAME");
  }
}
