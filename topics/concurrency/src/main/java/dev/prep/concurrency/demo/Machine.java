package dev.prep.concurrency.demo;

/** The line a machine-dependent demo prints so its output can be compared fairly. */
final class Machine {

  private Machine() {}

  /** For example {@code "JDK 25.0.1 (Eclipse Adoptium), 2 cores, Linux amd64"}. */
  static String describe() {
    return "JDK %s (%s), %d cores, %s %s"
        .formatted(
            Runtime.version(),
            System.getProperty("java.vm.vendor"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"),
            System.getProperty("os.arch"));
  }
}
