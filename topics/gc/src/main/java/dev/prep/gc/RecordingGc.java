package dev.prep.gc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the collector that records what a write barrier asks of it, in order: for testing
 * one barrier call in isolation. Memory is a map of slots; shading only records the object.
 */
public final class RecordingGc implements WriteBarrier.Gc {

  private final Map<Slot, String> memory = new HashMap<>();
  private final boolean stackGrey;
  private final List<String> log = new ArrayList<>();

  /** A collector whose answer to {@link #currentStackIsGrey()} is {@code stackGrey}. */
  public RecordingGc(boolean stackGrey) {
    this.stackGrey = stackGrey;
  }

  /** Puts a pointer into a slot before the barrier runs, without recording it. */
  public RecordingGc with(Slot slot, String ptr) {
    memory.put(slot, ptr);
    return this;
  }

  /** What a slot holds now. */
  public String peek(Slot slot) {
    return memory.get(slot);
  }

  @Override
  public String read(Slot slot) {
    String value = memory.get(slot);
    log.add("read " + slot + " (" + name(value) + ")");
    return value;
  }

  @Override
  public void store(Slot slot, String ptr) {
    log.add("store " + slot + " = " + name(ptr));
    memory.put(slot, ptr);
  }

  @Override
  public void shade(String object) {
    log.add("shade " + name(object));
  }

  @Override
  public boolean currentStackIsGrey() {
    log.add("currentStackIsGrey (" + stackGrey + ")");
    return stackGrey;
  }

  /** Every call, in order, for failure messages: {@code "read A.0 (B), shade B, store A.0 = C"}. */
  public String log() {
    return log.isEmpty() ? "nothing" : String.join(", ", log);
  }

  /** The stores, as {@code "A.0 = C"}. */
  public List<String> stores() {
    return log.stream().filter(e -> e.startsWith("store ")).map(e -> e.substring(6)).toList();
  }

  /** The objects shaded, nil left out (shading nil does nothing). */
  public List<String> shaded() {
    return log.stream()
        .filter(e -> e.startsWith("shade ") && !e.equals("shade nil"))
        .map(e -> e.substring(6))
        .toList();
  }

  private static String name(String object) {
    return object == null ? "nil" : object;
  }
}
