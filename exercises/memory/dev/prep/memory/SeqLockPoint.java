package dev.prep.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A point {@code (x, y)} guarded by a sequence lock (顺序锁, seqlock): writers take a lock, readers
 * take nothing. A reader copies both coordinates optimistically and then checks that no write
 * overlapped the copy; if one did, it throws the copy away and tries again. Reads never block a
 * writer and never write shared memory, so many readers cost the writer nothing. The Linux kernel
 * keeps its clock this way ({@code seqlock_t}); in Java, {@link
 * java.util.concurrent.locks.StampedLock}'s {@code tryOptimisticRead} and {@code validate} are the
 * same idea.
 *
 * <p><b>Contract.</b> {@link #write} may be called by any thread; writers are serialised by this
 * object's monitor ({@code synchronized}). {@link #read} may be called by any number of threads at
 * any time, takes no lock and returns a {@link Point} whose two coordinates come from the <em>same
 * </em> write (never {@code x} from one write and {@code y} from another: a torn read). A read sees
 * every write that happens-before it (an earlier write on the same thread, or one it learned of
 * through a lock, a volatile or {@code join}) or a later one. A new point is {@code (0, 0)}. A
 * reader retries while writes overlap it, so under a non-stop stream of writes it can starve:
 * seqlocks suit data written rarely and read often.
 *
 * <p><b>The sequence number.</b> {@code seq} is even while the data is stable and odd while a write
 * is in progress; each write adds 2 in total (the grader reads the fields {@code seq}, {@code x}
 * and {@code y} to check this: keep their names and types).
 *
 * <ul>
 *   <li><b>Writer</b>: {@code seq} becomes odd; {@link VarHandle#storeStoreFence()} so the odd
 *       value is visible before either data store; store {@code x} and {@code y}; then {@code seq}
 *       becomes even again with {@code setRelease}, which keeps the data stores above it.
 *   <li><b>Reader</b>: read {@code seq} with {@code getAcquire} (the data loads stay below it); if
 *       it is odd a write is in progress, so retry; copy {@code x} and {@code y}; {@link
 *       VarHandle#loadLoadFence()} so the copy is finished before {@code seq} is read again; if
 *       {@code seq} still has the first value, no write touched the copy: return it. Otherwise
 *       retry.
 * </ul>
 *
 * <p>The data fields are plain and read while a writer may be writing them: a deliberate data race,
 * made harmless because a copy that raced is never returned. (A plain {@code long} may even be read
 * in two 32-bit halves, JLS §17.7; the check discards that too.) The fences are what make the check
 * sound; on x86 they cost no instruction (by the JSR-133 Cookbook's x86 column only StoreLoad does)
 * but forbid the JIT to move the data accesses across the {@code seq} accesses. A volatile write
 * alone would not do for the writer's first step: a release keeps earlier accesses above it, not
 * later ones below.
 *
 * <p>Go has no fences and no acquire/release, so a Go seqlock makes every access atomic (the data
 * too, or the race detector reports it); the usual Go answer is {@code sync.RWMutex} or an {@code
 * atomic.Pointer} to an immutable snapshot.
 */
public final class SeqLockPoint {

  /** A snapshot: both coordinates from one write. */
  public record Point(long x, long y) {}

  private static final VarHandle SEQ;

  static {
    try {
      SEQ = MethodHandles.lookup().findVarHandle(SeqLockPoint.class, "seq", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Even: stable; odd: a write is in progress. Changed only by writers, under the monitor. */
  private long seq;

  private long x; // written under the monitor, read racily and validated through seq
  private long y;

  /** The point (0, 0). */
  public SeqLockPoint() {}

  /** Sets both coordinates, as one step for every reader. */
  public synchronized void write(long newX, long newY) {
    // TODO: seq + 1 (odd), VarHandle.storeStoreFence(), store x and y, then SEQ.setRelease(this, seq + 2)
    throw new UnsupportedOperationException("TODO: write");
  }

  /** Both coordinates from one write, without taking a lock; retries while writes overlap it. */
  public Point read() {
    // TODO: loop: seq by getAcquire; odd: retry; copy x and y; VarHandle.loadLoadFence(); same seq again: return the copy
    throw new UnsupportedOperationException("TODO: read");
  }
}
