package demo;

public final class Max {
  public static int of(int[] a) {
    // TODO: compute it
    throw new UnsupportedOperationException("TODO: Max");
  }
}
