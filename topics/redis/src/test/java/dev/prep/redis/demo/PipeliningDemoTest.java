package dev.prep.redis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("pipelining demo: 10,000 SETs one by one, pipelined, in MULTI/EXEC")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipeliningDemoTest {

  private static final Pattern ROW =
      Pattern.compile(
          "(?m)^(one by one|pipelined|MULTI/EXEC) +([\\d.]+) +[\\d,]+ +([\\d,]+) +[\\d,]+ +[\\d,]+"
              + " +[\\d.]+x$");

  @Test
  @DisplayName(
      "one round trip per SET one by one, 1 pipelined, 2 with MULTI/EXEC; the pipeline wins")
  void output() throws Throwable {
    String out = DemoOutput.of(PipeliningDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Pipelining: 10,000 SETs one by one, pipelined, and in MULTI/EXEC ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");
    Matcher row = ROW.matcher(out);
    double[] millis = new double[3];
    String[] trips = new String[3];
    for (int i = 0; i < 3; i++) {
      assertThat(row.find()).as("row %d of the table in\n%s", i + 1, out).isTrue();
      millis[i] = Double.parseDouble(row.group(2));
      trips[i] = row.group(3);
    }
    assertThat(trips).containsExactly("10,000", "1", "2");
    assertThat(millis[1])
        .as("pipelined (%s ms) is faster than one by one (%s ms)", millis[1], millis[0])
        .isLessThan(millis[0]);
    assertThat(out)
        .contains("demo:pipelining:9999 is now multi/exec 9999: the last writer's value.");
    assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow())
        .startsWith("You saw: 10,000 round trips become 1 in a pipeline, ")
        .endsWith("MULTI/EXEC made the batch atomic for 2 round trips.");
  }
}
