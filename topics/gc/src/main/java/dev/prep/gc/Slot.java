package dev.prep.gc;

/**
 * A place that holds a pointer: a field of a heap object, a global variable, or a local variable on
 * a goroutine's stack. Globals and stack variables are the roots.
 */
public sealed interface Slot {

  /** Field {@code index} of heap object {@code object}, written {@code A.0}. */
  record Field(String object, int index) implements Slot {
    @Override
    public String toString() {
      return object + "." + index;
    }
  }

  /** A global variable, written {@code $name}. */
  record Global(String name) implements Slot {
    @Override
    public String toString() {
      return "$" + name;
    }
  }

  /** Local variable {@code name} on goroutine {@code goroutine}'s stack, written {@code g1:x}. */
  record StackVar(String goroutine, String name) implements Slot {
    @Override
    public String toString() {
      return goroutine + ":" + name;
    }
  }

  /** True for the slots a Go write barrier guards: heap fields and globals, never stack slots. */
  default boolean barriered() {
    return !(this instanceof StackVar);
  }

  /** Parses {@code A.0}, {@code $g} or {@code g1:x}. */
  static Slot parse(String text) {
    if (text.startsWith("$") && text.length() > 1) {
      return new Global(text.substring(1));
    }
    int colon = text.indexOf(':');
    if (colon > 0 && colon < text.length() - 1) {
      return new StackVar(text.substring(0, colon), text.substring(colon + 1));
    }
    int dot = text.lastIndexOf('.');
    if (dot > 0 && dot < text.length() - 1) {
      try {
        return new Field(text.substring(0, dot), Integer.parseInt(text.substring(dot + 1)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(
        "not a slot: '"
            + text
            + "' (expected A.0 for a field, $name for a global, g1:x for a stack variable)");
  }
}
