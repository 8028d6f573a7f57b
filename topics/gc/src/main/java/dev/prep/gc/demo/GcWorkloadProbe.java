package dev.prep.gc.demo;

import dev.prep.support.ProbeJvm;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link GcLogDemo}: a fixed, allocation-heavy workload. It keeps {@value
 * #LIVE_MIB} MiB live (an old generation's worth of long-lived data), and in each of {@value
 * #ROUNDS} rounds builds and drops a list of 8 KiB arrays ({@value #GARBAGE_KIB_PER_ROUND} KiB of
 * garbage) and replaces {@value #REPLACED_PER_ROUND} long-lived 16 KiB arrays, so old objects die
 * too and the old generation needs collecting. Prints {@code result workload-ms <ms>} and {@code
 * result allocated-mib <MiB>}.
 */
public final class GcWorkloadProbe {

  static final int LIVE_MIB = 32;
  static final int ROUNDS = 1_000;
  static final int GARBAGE_KIB_PER_ROUND = 4_096;
  static final int REPLACED_PER_ROUND = 16;
  private static final int LIVE_ARRAY = 16 * 1024;
  private static final int GARBAGE_ARRAY = 8 * 1024;

  private GcWorkloadProbe() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    int liveArrays = LIVE_MIB * 1024 * 1024 / LIVE_ARRAY;
    List<byte[]> live = new ArrayList<>(liveArrays);
    for (int i = 0; i < liveArrays; i++) {
      live.add(new byte[LIVE_ARRAY]);
    }
    long allocated = (long) liveArrays * LIVE_ARRAY;
    long checksum = 0;
    int perRound = GARBAGE_KIB_PER_ROUND * 1024 / GARBAGE_ARRAY;
    for (int round = 0; round < ROUNDS; round++) {
      List<byte[]> garbage = new ArrayList<>(perRound);
      for (int i = 0; i < perRound; i++) {
        byte[] a = new byte[GARBAGE_ARRAY];
        a[i % GARBAGE_ARRAY] = (byte) round; // touched, so the allocation cannot be elided
        garbage.add(a);
      }
      checksum += garbage.get(round % perRound)[round % perRound % GARBAGE_ARRAY];
      for (int i = 0; i < REPLACED_PER_ROUND; i++) { // old objects die, new ones live on
        live.set((round * REPLACED_PER_ROUND + i) * 7 % liveArrays, new byte[LIVE_ARRAY]);
      }
      allocated += (long) perRound * GARBAGE_ARRAY + (long) REPLACED_PER_ROUND * LIVE_ARRAY;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println(ProbeJvm.RESULT + "workload-ms " + millis);
    System.out.println(ProbeJvm.RESULT + "allocated-mib " + allocated / (1024 * 1024));
    System.out.println(ProbeJvm.RESULT + "checksum " + checksum + " " + live.size());
  }
}
