package dev.prep.runner.grade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: measures grading the fixture exercise with a cold worker, then warm re-grades, as
 * {@code prep watch} does after each save. Run it with the test class path:
 *
 * <pre>java -cp target/test-classes:target/classes:$(test class path) \
 *     dev.prep.runner.grade.WarmRegradeProbe [rounds]</pre>
 */
final class WarmRegradeProbe {
  private WarmRegradeProbe() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    try (var grading = new Grading(WorkerSettings.defaults())) {
      long coldStart = System.nanoTime();
      GradeReport cold = grading.grade(Fixture.request("correct"));
      double coldMillis = (System.nanoTime() - coldStart) / 1e6;
      List<Double> warm = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        String variant = i % 2 == 0 ? "wrong" : "correct";
        long start = System.nanoTime();
        grading.grade(Fixture.request(variant));
        warm.add((System.nanoTime() - start) / 1e6);
      }
      Collections.sort(warm);
      System.out.printf(
          Locale.ROOT,
          "cold (new worker JVM): %.0f ms, %s%nwarm x%d: min %.0f, median %.0f, p90 %.0f, max %.0f"
              + " ms%nJDK %s, %d cores%n",
          coldMillis,
          cold.status(),
          rounds,
          warm.getFirst(),
          warm.get(warm.size() / 2),
          warm.get((int) (warm.size() * 0.9)),
          warm.getLast(),
          Runtime.version(),
          Runtime.getRuntime().availableProcessors());
    }
  }
}
