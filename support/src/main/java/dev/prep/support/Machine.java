package dev.prep.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The line a machine-dependent demo prints so its output can be compared fairly. */
public final class Machine {

  private Machine() {}

  /** For example {@code "JDK 25.0.3+9-LTS (Eclipse Adoptium), 2 cores, Linux amd64"}. */
  public static String describe() {
    return "JDK %s (%s), %d cores, %s %s"
        .formatted(
            Runtime.version(),
            System.getProperty("java.vm.vendor"),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"),
            System.getProperty("os.arch"));
  }

  /** {@link #describe()} plus the CPU model where Linux names it: races depend on the chip. */
  public static String describeWithCpu() {
    return describe() + cpuModel().map(m -> ", " + m).orElse("");
  }

  /** The "model name" line of /proc/cpuinfo, or empty where there is none. */
  public static Optional<String> cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty(); // not Linux
    }
  }

  /** The L1 data cache's line size in bytes as Linux reports it, or empty. */
  public static Optional<Integer> cacheLineBytes() {
    Path size = Path.of("/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size");
    try {
      return Optional.of(Integer.parseInt(Files.readString(size).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
