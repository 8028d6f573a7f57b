package dev.prep.concurrency.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.support.DemoOutput;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Concurrency demos print a title, what to watch, the evidence and a closing line")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemosTest {

  @Test
  @DisplayName("virtual-threads starts and joins all 100,000 virtual and 2,000 platform threads")
  void virtualThreads() throws Throwable {
    String out = DemoOutput.of(VirtualThreadsDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== 100,000 virtual threads beside 2,000 platform threads ==");
    assertThat(out).contains("Watch:", "JDK ", " cores", "ThreadStackSize", "go func()");
    assertThat(out)
        .contains("completed 100000 of 100000 virtual threads and 2000 of 2000 platform threads.");
    assertThat(out)
        .containsPattern("virtual\\s+100,000\\s+100,000\\s+\\d+ ms")
        .containsPattern("platform\\s+2,000\\s+2,000\\s+\\d+ ms");
    assertClosingLine(out);
  }

  @Test
  @DisplayName("carrier-hopping shows carriers parsed from Thread.toString and a forced hop")
  void carrierHopping() throws Throwable {
    String out = DemoOutput.of(CarrierHoppingDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Virtual threads hop between carrier threads ==");
    assertThat(out).contains("Watch:", "JDK ", "carrier: none (a platform thread)");
    assertThat(out).containsPattern("hopper-1 #\\d+\\s+worker-\\d+( -> worker-\\d+){6}");
    assertThat(out).containsPattern("\\d+ hops in 24 wake-ups");
    assertThat(out)
        .containsPattern(
            "before park:\\s+VirtualThread\\[#\\d+,forced\\]/runnable@ForkJoinPool-\\d+-worker-\\d+");
    assertThat(out).contains("same virtual thread: true, resumed on a different carrier: yes");
    assertClosingLine(out);
  }

  @Test
  @DisplayName("carrierOf reads the carrier after '@', and 'none' for a platform thread")
  void carrierOf() {
    assertThat(CarrierHoppingDemo.carrierOf("VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1"))
        .isEqualTo("ForkJoinPool-1-worker-1");
    assertThat(CarrierHoppingDemo.carrierOf("Thread[#1,main,5,main]")).isEqualTo("none");
  }

  @Test
  @DisplayName("pipeline squares 1..1000 on three workers and merges the exact sum")
  void pipeline() throws Throwable {
    String out = DemoOutput.of(PipelineDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== A pipeline: generate -> square x3 (fan-out) -> merge (fan-in) ==");
    assertThat(out).contains("Watch:", "func merge(cs ...<-chan int)");
    assertThat(out)
        .contains(
            "count = 1000, sum of squares = 333833500, n(n+1)(2n+1)/6 = 333833500 -> correct");
    assertThat(out).contains("Done signals received: 3 of 3");
    Matcher perWorker = Pattern.compile("square-\\d\\s+squared\\s+(\\d+) numbers").matcher(out);
    int total = 0;
    int workers = 0;
    while (perWorker.find()) {
      total += Integer.parseInt(perWorker.group(1));
      workers++;
    }
    assertThat(total).as("numbers squared, summed over the workers that did any").isEqualTo(1000);
    assertThat(workers).isBetween(1, 3);
    assertClosingLine(out);
  }

  @Test
  @DisplayName("pipeline's run() is exact for other sizes too")
  void pipelineRun() throws Exception {
    for (int n : List.of(0, 1, 17, 5000)) {
      PipelineDemo.Summary summary = PipelineDemo.run(n);
      assertThat(summary.count()).isEqualTo(n);
      assertThat(summary.sum()).isEqualTo((long) n * (n + 1) * (2L * n + 1) / 6);
      assertThat(summary.doneSignals()).isEqualTo(PipelineDemo.WORKERS);
    }
  }

  @Test
  @DisplayName(
      "select-timeout: the ready source wins, the clock wins when none is ready, anyOf is unfair")
  void selectTimeout() throws Throwable {
    String out = DemoOutput.of(SelectTimeoutDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== select with a timeout: the first ready source wins, or the clock does ==");
    assertThat(out).contains("Watch:", "case <-time.After(100 * time.Millisecond):");
    assertThat(out)
        .containsPattern("a ready after 20 ms, b never, timeout 2 s\\s+-> hello")
        .containsPattern("a never, b never, timeout 100 ms\\s+-> timeout")
        .containsPattern("a and b both ready, 1000 trials\\s+-> a won 1000, b won 0")
        .containsPattern("qa gets a value after 20 ms, qb empty, 2 s\\s+-> qa: hello")
        .containsPattern("qa and qb empty, timeout 100 ms\\s+-> timeout")
        .contains("qa won 509, qb won 491 (Random seed 42)");
    assertClosingLine(out);
  }

  @Test
  @DisplayName(
      "context-tree cancels the db subtree first, then the rest at the deadline, in tree order")
  void contextTree() throws Throwable {
    String out = DemoOutput.of(ContextTreeDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== Cancelling a context tree: who stopped, and when ==");
    assertThat(out).contains("Watch:", "context.WithTimeout(context.Background()");
    assertThat(out).contains("request still running: true, get still running: true");
    assertThat(out)
        .containsPattern(
            "1\\. step 1  db\\s+context canceled\\s+from cancel\\(\\) called on it\\s+"
                + "2\\. step 1  query-1\\s+context canceled\\s+from parent db\\s+"
                + "3\\. step 1  query-2\\s+context canceled\\s+from parent db\\s+"
                + "4\\. step 2  request\\s+context deadline exceeded\\s+from its deadline\\s+"
                + "5\\. step 2  cache\\s+context deadline exceeded\\s+from parent request\\s+"
                + "6\\. step 2  get\\s+context deadline exceeded\\s+from parent cache\\s");
    assertThat(out)
        .containsPattern("worker@query-1\\s+stopped: context canceled")
        .containsPattern("worker@get\\s+stopped: context deadline exceeded");
    assertThat(out)
        .containsPattern("└── request \\(WithTimeout 800 ms\\)\\s+context deadline exceeded");
    assertClosingLine(out);
  }

  @Test
  @DisplayName(
      "pinning: synchronized and ReentrantLock do not pin, a native upcall and a class initializer do")
  void pinning() throws Throwable {
    String out = DemoOutput.of(PinningDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== What still pins a carrier thread in JDK 25 ==");
    assertThat(out).contains("Watch:", "JDK ", "runtime.LockOSThread()");
    assertThat(pinnedEvents(out, "synchronized + sleep")).isZero();
    assertThat(pinnedEvents(out, "synchronized + wait")).isZero();
    assertThat(pinnedEvents(out, "ReentrantLock + sleep")).isZero();
    assertThat(pinnedEvents(out, "native upcall + sleep")).isPositive();
    assertThat(pinnedEvents(out, "class initializer + sleep")).isPositive();
    assertThat(out).contains("Native or VM frame on stack");
    assertClosingLine(out);
  }

  private static int pinnedEvents(String out, String variant) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(variant) + "\\s+.+?\\s+(\\d+)\\s+\\d+ ms$")
            .matcher(out);
    assertThat(m.find()).as("a table row for %s in:%n%s", variant, out).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static void assertClosingLine(String out) {
    assertThat(out.strip().lines().toList().getLast()).startsWith("You just saw:");
  }
}
