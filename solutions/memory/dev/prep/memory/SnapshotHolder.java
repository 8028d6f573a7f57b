package dev.prep.memory;

import java.util.Objects;

/**
 * Where the current {@link Snapshot} lives: a writer publishes new snapshots, any number of readers
 * take the latest, and nobody takes a lock. This is safe publication (安全发布): handing an object
 * to other threads so that they see it whole and see it at all.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #current()} never returns {@code null}: the holder starts with the snapshot it was
 *       given, and {@code publish(null)} throws {@link NullPointerException};
 *   <li>once {@code publish(s)} has returned, every {@code current()} that starts later, on any
 *       thread, returns {@code s} or a snapshot published after it; a reader never keeps seeing an
 *       older one;
 *   <li>when several threads publish, the last {@code publish} wins.
 * </ul>
 *
 * <p>Go's counterpart is {@code atomic.Pointer[Snapshot]} (go1.19 {@code sync/atomic/type.go}):
 * {@code Store} to publish, {@code Load} to read.
 */
public final class SnapshotHolder {

  // volatile: publish() happens-before every later current() (JLS §17.4.5), so readers see it
  private volatile Snapshot current;

  /** A holder whose current snapshot is {@code initial}. */
  public SnapshotHolder(Snapshot initial) {
    this.current = Objects.requireNonNull(initial, "initial");
  }

  /** Makes {@code next} the current snapshot for every thread. */
  public void publish(Snapshot next) {
    current = Objects.requireNonNull(next, "next");
  }

  /** The latest published snapshot. */
  public Snapshot current() {
    return current;
  }
}
