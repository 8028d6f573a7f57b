package demo;

public final class Sum {
  public static int of(int[] a) {
    return 0;
  }
}
