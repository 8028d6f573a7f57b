package dev.prep.runner.grade;

import java.util.Comparator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Runs a grader's tests in the order they are written, so the first failure a learner sees is the
 * first task, and a hang is blamed on the test they would read first. JUnit's default order is
 * deterministic but not source order. A grader's own {@code @TestMethodOrder} still wins.
 */
final class SourceMethodOrder implements MethodOrderer {
  SourceMethodOrder() {}

  @Override
  public void orderMethods(MethodOrdererContext context) {
    Class<?> graderClass = context.getTestClass();
    if (graderClass.getClassLoader() instanceof CompiledClassLoader loader) {
      context
          .getMethodDescriptors()
          .sort(
              Comparator.comparingLong(
                  method ->
                      loader
                          .sourceOrder()
                          .position(graderClass.getName(), method.getMethod().getName())));
    }
  }
}
