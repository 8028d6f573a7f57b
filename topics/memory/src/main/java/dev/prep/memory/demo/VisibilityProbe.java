package dev.prep.memory.demo;

import dev.prep.support.ProbeJvm;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link VisibilityDemo}: a reader thread spins until a stop flag is set, the main
 * thread sets it once the loop is hot, and the probe prints whether and when the reader stopped:
 * {@code result stopped <micros>} or {@code result spinning <millis>}. The reader is a daemon
 * thread, so the JVM exits even when it spins forever.
 */
public final class VisibilityProbe {

  static final String PLAIN = "plain";
  static final String VOLATILE = "volatile";
  static final String OPAQUE = "opaque";

  /** Long enough for C2 to compile the reader's loop (on-stack replacement) before the write. */
  static final long WARM_UP_MILLIS = 300;

  static final long GIVE_UP_MILLIS = 1_500;

  private static boolean plainStop;
  private static volatile boolean volatileStop;
  private static boolean opaqueStop; // accessed only through OPAQUE_STOP

  private static final VarHandle OPAQUE_STOP;

  static {
    try {
      OPAQUE_STOP =
          MethodHandles.lookup()
              .findStaticVarHandle(VisibilityProbe.class, "opaqueStop", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static volatile long stoppedAt; // written by the reader when it leaves its loop

  private VisibilityProbe() {}

  public static void main(String[] args) throws InterruptedException {
    String variant = args[0];
    Thread reader = Thread.ofPlatform().name("reader").daemon().unstarted(() -> spin(variant));
    reader.start();
    Thread.sleep(WARM_UP_MILLIS); // not synchronisation: the experiment needs a hot loop first
    long writtenAt = System.nanoTime();
    switch (variant) {
      case PLAIN -> plainStop = true;
      case VOLATILE -> volatileStop = true;
      case OPAQUE -> OPAQUE_STOP.setOpaque(true);
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    }
    reader.join(GIVE_UP_MILLIS);
    if (reader.isAlive()) {
      System.out.println(ProbeJvm.RESULT + "spinning " + GIVE_UP_MILLIS);
    } else {
      long micros = TimeUnit.NANOSECONDS.toMicros(stoppedAt - writtenAt);
      System.out.println(ProbeJvm.RESULT + "stopped " + Math.max(0, micros));
    }
    // main ends here; a reader still spinning is a daemon and does not keep the JVM alive
  }

  private static void spin(String variant) {
    long spins = 0;
    switch (variant) {
      case PLAIN -> {
        while (!plainStop) { // C2 may read the field once, before the loop: "hoisting"
          spins++;
        }
      }
      case VOLATILE -> {
        while (!volatileStop) { // every iteration reads memory, and sees the write
          spins++;
        }
      }
      case OPAQUE -> {
        while (!(boolean) OPAQUE_STOP.getOpaque()) { // a real read each time; no ordering
          spins++;
        }
      }
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    }
    stoppedAt = System.nanoTime();
    if (spins == 42) {
      System.out.print(""); // uses spins, so the loop's counter is not dead code
    }
  }
}
