package dev.prep.gc.demo;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.prep.support.ProbeJvm;
import java.lang.management.ManagementFactory;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link ReferencesDemo}, started with a small heap: a SoftReference to a 4 MiB
 * array, {@value #GCS} explicit GCs, then 256 KiB arrays kept until the soft reference is cleared
 * (at most twice the heap, so the loop is bounded even if it never clears). Filling the heap is
 * safe here and only here: the demo's own JVM never risks an OutOfMemoryError. Prints {@code result
 * survived-gcs <n>}, {@code result cleared-after-mib <MiB>} (or {@code result not-cleared <MiB>}),
 * {@code result max-heap-mib <MiB>} and {@code result lru-ms-per-mib <SoftRefLRUPolicyMSPerMB>}.
 */
public final class SoftReferenceProbe {

  static final int GCS = 3;
  private static final int SOFT_BYTES = 4 * 1024 * 1024;
  private static final int CHUNK = 256 * 1024;

  private SoftReferenceProbe() {}

  public static void main(String[] args) {
    long maxHeap = Runtime.getRuntime().maxMemory();
    SoftReference<byte[]> soft = new SoftReference<>(new byte[SOFT_BYTES]);
    int survived = 0;
    for (int i = 0; i < GCS; i++) {
      System.gc();
      if (soft.get() != null) {
        survived++;
      }
    }
    System.out.println(ProbeJvm.RESULT + "survived-gcs " + survived);

    List<byte[]> hog = new ArrayList<>();
    long kept = 0;
    boolean outOfMemory = false;
    try {
      // refersTo, not get(): get() would count as a use and make the reference look recent
      while (kept < 2 * maxHeap && !soft.refersTo(null)) {
        hog.add(new byte[CHUNK]); // strongly reachable: the heap really fills
        kept += CHUNK;
      }
    } catch (OutOfMemoryError e) {
      outOfMemory = true; // soft references are cleared before this is thrown: should not happen
    }
    hog.clear();
    boolean cleared = soft.refersTo(null);
    System.out.println(
        ProbeJvm.RESULT
            + (cleared ? "cleared-after-mib " : "not-cleared ")
            + kept / (1024 * 1024)
            + (outOfMemory ? " (OutOfMemoryError)" : ""));
    System.out.println(ProbeJvm.RESULT + "max-heap-mib " + maxHeap / (1024 * 1024));
    String policy =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption("SoftRefLRUPolicyMSPerMB")
            .getValue();
    System.out.println(ProbeJvm.RESULT + "lru-ms-per-mib " + policy);
  }
}
