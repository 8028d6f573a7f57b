package dev.prep.gc;

/**
 * The marking half of a tricolour collector: a grey work list, worked off one object at a time so
 * the mutator can run between steps (incremental marking).
 */
public interface Marker {

  /** Greys a white object and adds it to the work list; does nothing for grey, black or null. */
  void shade(String object);

  /**
   * Scans one grey object: shades everything it points to, then blackens it.
   *
   * @return false, doing nothing, if no grey object is left
   */
  boolean step();

  /** Whether a grey object is waiting to be scanned. */
  boolean hasWork();
}
