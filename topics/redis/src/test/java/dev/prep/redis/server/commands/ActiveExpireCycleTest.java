package dev.prep.redis.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prep.redis.server.Db;
import dev.prep.redis.server.ManualClock;
import dev.prep.redis.server.RedisObject;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("activeExpireCycle samples keys with a TTL and deletes the expired (expire.c)")
class ActiveExpireCycleTest {

  /** No time limit: the sampling alone decides when a cycle stops, so runs are repeatable. */
  private static final long NO_LIMIT = Long.MAX_VALUE / 2_000;

  private final ManualClock clock = new ManualClock();
  private final Db db = new Db(clock);

  /** 10,000 keys with a TTL: the even ones expire in 1 s, the odd ones in an hour. */
  private void fill() {
    for (int i = 0; i < 10_000; i++) {
      String key = "k" + i;
      db.put(key, RedisObject.ofString("v"));
      db.expireAt(key, clock.millis() + (i % 2 == 0 ? 1_000 : 3_600_000));
    }
    clock.advanceMillis(
        1_001); // a key is expired once now is past its deadline (db.c keyIsExpired)
  }

  @Test
  @DisplayName(
      "half the keys expired: cycles delete them until under 10% are stale, and no live key")
  void deletesTheExpiredOnly() {
    fill();
    var random = new SplittableRandom(1);
    int deleted = ReferenceCommands.activeExpireCycle(db, random, NO_LIMIT);
    assertThat(deleted)
        .as("one cycle with 50% stale keys loops while a sample of 20 has 3 or more expired")
        .isGreaterThan(1_000);
    // 300 more cycles: 30 s of a server at hz 10
    for (int cycle = 0; cycle < 300; cycle++) {
      deleted += ReferenceCommands.activeExpireCycle(db, random, NO_LIMIT);
    }
    int stale = 0, live = 0;
    for (int i = 0; i < 10_000; i++) {
      long deadline = db.rawExpireAt("k" + i);
      if (deadline == -2) continue;
      if (deadline <= clock.millis()) stale++;
      else live++;
    }
    assertThat(live).as("no key with time left was deleted").isEqualTo(5_000);
    assertThat(stale).as("expired keys still stored").isEqualTo(5_000 - deleted);
    assertThat(stale * 100.0 / (stale + live))
        .as("percent stale: ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE is 10")
        .isLessThan(10.0);
    assertThat(db.expiredKeys()).as("counted as expired").isEqualTo(deleted);
  }

  @Test
  @DisplayName("nothing expired: one loop of 20 samples, nothing deleted")
  void nothingToDo() {
    fill();
    clock.set(clock.millis() - 1_000);
    assertThat(ReferenceCommands.activeExpireCycle(db, new SplittableRandom(2), NO_LIMIT)).isZero();
    assertThat(db.size()).isEqualTo(10_000);
    assertThat(
            ReferenceCommands.activeExpireCycle(new Db(clock), new SplittableRandom(2), NO_LIMIT))
        .as("no keys with a TTL at all")
        .isZero();
  }

  @Test
  @DisplayName("a time limit of 0 stops the cycle at the first check, after 16 loops of 20 samples")
  void timeLimit() {
    fill();
    int deleted = ReferenceCommands.activeExpireCycle(db, new SplittableRandom(3), 0);
    assertThat(deleted).isPositive().isLessThanOrEqualTo(16 * 20);
  }
}
