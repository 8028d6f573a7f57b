package dev.prep.redis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.demo.DistributedLockDemo.FencedStorage;
import dev.prep.support.DemoOutput;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("distributed-lock demo: SET NX PX, an unsafe release, fencing tokens")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DistributedLockDemoTest {

  @Test
  @DisplayName(
      "the lock serializes 40 increments; DEL frees the next holder's lock; the token check and fencing refuse")
  void output() throws Throwable {
    String out = DemoOutput.of(DistributedLockDemo::main);
    assertThat(out.lines().findFirst())
        .hasValue("== A lock on SET NX PX: mutual exclusion, an unsafe release, fencing ==");
    assertThat(out.lines().skip(1).findFirst().orElseThrow()).startsWith("Watch: ");
    assertThat(out).contains("Server: the reference server, in this JVM at redis://127.0.0.1:");
    assertThat(out).contains("with the lock     counter 40 of 40, most holders at once 1 (");
    assertThat(out).containsPattern("without the lock  counter +\\d+ of 40");
    // the unsafe release, step by step
    assertThat(out)
        .contains(
            """
            release with DEL:
              A  SET demo:lock token-A NX PX 200               OK
              A  (stalls 300 ms: the lock expires)
              B  SET demo:lock token-B NX PX 10000             OK
              A  DEL demo:lock                                 (integer) 1
              C  SET demo:lock token-C NX PX 10000             OK
                 GET demo:lock                                 "token-C"
            => A deleted B's lock; B and C both believe they hold it.
            release with compare-and-delete:
            """);
    assertThat(out)
        .contains("  A  compare-and-delete demo:lock token-A          (integer) 0")
        .contains("  C  SET demo:lock token-C NX PX 10000             (nil)")
        .contains("     GET demo:lock                                 \"token-B\"")
        .contains("  B  storage.write(token 2)                        ok")
        .contains("  A  storage.write(token 1)                        rejected")
        .contains("=> the storage holds \"B's report\".");
    assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(
            "You saw: 40 of 40 increments with the lock; a stalled holder's DEL deleting the next"
                + " holder's lock; compare-and-delete refusing to; the fenced storage rejecting the"
                + " stale holder's write.");
  }

  @Test
  @DisplayName("fenced storage keeps the highest token's write and refuses lower ones")
  void fencedStorage() {
    var storage = new FencedStorage();
    assertThat(storage.write(33, "a")).isTrue();
    assertThat(storage.write(34, "b")).isTrue();
    assertThat(storage.write(33, "late")).as("a lower token after a higher one").isFalse();
    assertThat(storage.write(34, "again")).as("the current holder writes again").isTrue();
    assertThat(storage.data()).isEqualTo("again");
  }
}
