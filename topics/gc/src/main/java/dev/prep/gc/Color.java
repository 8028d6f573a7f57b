package dev.prep.gc;

/**
 * The tricolour abstraction (三色标记): white objects have not been reached yet (and are garbage if
 * they are still white when marking ends), grey ones have been reached but not scanned, black ones
 * have been reached and scanned.
 */
public enum Color {
  WHITE,
  GREY,
  BLACK
}
