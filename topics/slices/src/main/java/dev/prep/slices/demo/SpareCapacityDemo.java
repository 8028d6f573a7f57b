package dev.prep.slices.demo;

import dev.prep.slices.AppendCaps;
import dev.prep.support.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/*
 * The memory cost of spare capacity.
 *
 * Amortised O(1) append is paid for with room that is allocated but not used. After the last
 * append a slice (or an ArrayList) typically keeps a fraction of its array empty: up to half of it
 * right after a doubling, up to a fifth in Go's 1.25x regime, up to a third for ArrayList's 1.5x.
 * For a long-lived collection that is memory nobody will use.
 *
 * The Go columns use real capacities (append-caps.csv, from a Go toolchain): the slice is built by
 * appending one int (8 bytes) at a time, as most code does, and we look at it at a few lengths.
 * The Java columns are observed on this JVM (reflection on ArrayList.elementData) and priced at
 * 4 bytes per empty slot, the size of a compressed reference; with -XX:-UseCompressedOops or a heap
 * of 32 GB or more it would be 8.
 *
 * Remedies: if the final size is known, allocate it up front (make([]T, 0, n), new ArrayList<>(n));
 * otherwise trim a long-lived result (slices.Clip(s) or append([]T(nil), s...) in Go;
 * ArrayList.trimToSize() or List.copyOf in Java).
 *
 * Run: prep demo slices spare-capacity
 */
public final class SpareCapacityDemo {

  private static final int[] LENGTHS = {100, 257, 513, 849, 1000, 2000, 3000, 4000, 5000};
  private static final int GO_INT_BYTES = 8;
  private static final int COMPRESSED_REF_BYTES = 4;

  private SpareCapacityDemo() {}

  public static void main(String[] args) {
    System.out.println("== The memory cost of spare capacity ==");
    System.out.println("Watch: the 'spare' columns — memory allocated by growth but never used.");
    AppendCaps go = AppendCaps.load();
    System.out.println("Go data: " + go.provenance());
    System.out.println(
        "Java data: observed via reflection on ArrayList.elementData, " + Machine.describe());
    System.out.println();

    List<Integer> goCaps = go.capsAppendingOneAtATime(GO_INT_BYTES, LENGTHS[LENGTHS.length - 1]);
    ArrayListCapacity capacity = ArrayListCapacity.open();
    ArrayList<Integer> list = new ArrayList<>();

    System.out.printf(
        "%6s | %10s %12s %7s | %10s %12s %7s%n",
        "len", "Go []int", "spare bytes", "spare", "ArrayList", "spare bytes", "spare");
    long goSpareTotal = 0;
    long javaSpareTotal = 0;
    for (int len : LENGTHS) {
      while (list.size() < len) {
        list.add(list.size());
      }
      int goCap = goCaps.stream().filter(c -> c >= len).findFirst().orElseThrow();
      int javaCap = capacity.of(list);
      long goSpare = (long) (goCap - len) * GO_INT_BYTES;
      long javaSpare = (long) (javaCap - len) * COMPRESSED_REF_BYTES;
      goSpareTotal += goSpare;
      javaSpareTotal += javaSpare;
      System.out.printf(
          "%6d | %10d %12d %7s | %10d %12d %7s%n",
          len,
          goCap,
          goSpare,
          percent(goCap - len, goCap),
          javaCap,
          javaSpare,
          percent(javaCap - len, javaCap));
    }

    list.trimToSize(); // Java's remedy: copy into an exact-size array
    System.out.println();
    System.out.printf(
        "After list.trimToSize(): capacity %d for %d elements.%n", capacity.of(list), list.size());
    System.out.printf(
        "You just saw: growth leaves up to half of the array unused (%d bytes spare over these Go"
            + " rows, %d for ArrayList); size up front or trim long-lived collections.%n",
        goSpareTotal, javaSpareTotal);
  }

  private static String percent(int part, int whole) {
    return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }
}
