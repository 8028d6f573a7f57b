package dev.prep.redis.teach;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("HashSlot: CRC16-XMODEM and Redis Cluster's key -> slot function")
class HashSlotTest {

  @Test
  @DisplayName("CRC16(\"123456789\") = 0x31C3, the check value in the cluster specification")
  void checkValue() {
    assertThat(HashSlot.crc16("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x31C3);
  }

  @Test
  @DisplayName("the bitwise CRC equals the table-driven one Redis's crc16.c uses")
  void bitwiseEqualsTable() {
    int[] table = new int[256];
    for (int n = 0; n < 256; n++) {
      table[n] = HashSlot.crc16(new byte[] {(byte) n}); // CRC of one byte = the table entry
    }
    var random = new SplittableRandom(16384);
    for (int trial = 0; trial < 500; trial++) {
      byte[] data = new byte[random.nextInt(0, 40)];
      random.nextBytes(data);
      int crc = 0;
      for (byte b : data) crc = ((crc << 8) ^ table[((crc >>> 8) ^ b) & 0xFF]) & 0xFFFF;
      assertThat(HashSlot.crc16(data)).as("CRC16 of %d random bytes", data.length).isEqualTo(crc);
    }
  }

  // every slot below was checked with CLUSTER KEYSLOT on redis-server 7.0.15 in cluster mode
  @ParameterizedTest(name = "slot({0}) = {1}")
  @CsvSource(
      textBlock =
          """
          foo,           12182
          {user1}.a,     8106
          {user1}.b,     8106
          user1,         8106
          user1.a,       2263
          user1.b,       14516
          user:1000,     1649
          123456789,     12739
          foo{}{bar},    8363
          foo{{bar}}zap, 4015
          ''           , 0
          """)
  @DisplayName("the slots redis-server's CLUSTER KEYSLOT gives")
  void knownSlots(String key, int slot) {
    assertThat(HashSlot.of(key)).isEqualTo(slot);
  }

  @Test
  @DisplayName("a non-ASCII key is hashed as its UTF-8 bytes, as Jedis sends it")
  void utf8() {
    assertThat(HashSlot.of("h\u00e9llo")).isEqualTo(11061);
  }

  @ParameterizedTest(name = "{0} hashes \"{1}\"")
  @CsvSource(
      textBlock =
          """
          {user1000}.following, user1000
          foo{}{bar},           foo{}{bar}
          foo{{bar}}zap,        {bar
          foo{bar}{zap},        bar
          {}binary,             {}binary
          no-tag,               no-tag
          open{only,            open{only
          """)
  @DisplayName("hash tags: the examples of the cluster specification")
  void hashTags(String key, String hashed) {
    assertThat(HashSlot.hashTag(key)).isEqualTo(hashed);
  }

  @Test
  @DisplayName("100,000 random keys land in 0..16383 and split evenly over three masters")
  void range() {
    var random = new SplittableRandom(7);
    int[] perMaster = new int[3];
    int outside = 0;
    for (int i = 0; i < 100_000; i++) {
      int slot = HashSlot.of("key:" + random.nextLong());
      if (slot < 0 || slot >= HashSlot.SLOTS) outside++;
      else perMaster[slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2]++; // redis-cli's split for 3 masters
    }
    assertThat(outside).as("slots outside 0..16383").isZero();
    for (int keys : perMaster) {
      assertThat(keys).as("keys per master, a third is 33,333").isBetween(32_667, 34_000);
    }
  }
}
