package dev.prep.runner.grade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Streams the grader's progress to the runner as it happens, so the runner always knows which test
 * is running; captures each test's output; remembers which test started which thread.
 *
 * <p>The plan's entries are the grader's methods: a {@code @Test} is one entry, a parameterized or
 * repeated test is one entry whose cases are reported under it.
 */
final class ResultListener implements TestExecutionListener {
  private final TestPlan plan;
  private final Channel channel;
  private final OutputCapture capture;
  private final FailureDescriber describer;
  private final Map<String, WorkerMessage.PlannedTest> planned = new LinkedHashMap<>();
  private final Set<String> finished = new HashSet<>();
  private final Map<Thread, String> threadOrigins = new HashMap<>();
  private final Set<Thread> existing = new HashSet<>();
  private volatile String runningName;

  ResultListener(
      TestPlan plan,
      SourceOrder sources,
      Channel channel,
      OutputCapture capture,
      FailureDescriber describer) {
    this.plan = plan;
    this.channel = channel;
    this.capture = capture;
    this.describer = describer;
    List<TestIdentifier> methods = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      for (TestIdentifier id : plan.getDescendants(root)) {
        if (methodSource(id).isPresent() && parentMethod(id).isEmpty()) {
          methods.add(id);
        }
      }
    }
    methods.sort(
        Comparator.comparingLong(
            id ->
                methodSource(id)
                    .map(m -> sources.position(m.getClassName(), m.getMethodName()))
                    .orElse(Long.MAX_VALUE)));
    for (TestIdentifier id : methods) {
      MethodSource method = methodSource(id).orElseThrow();
      planned.put(
          id.getUniqueId(),
          new WorkerMessage.PlannedTest(
              id.getUniqueId(),
              id.getDisplayName(),
              taskId(id.getTags()),
              sources.code(method.getClassName(), method.getMethodName())));
    }
  }

  WorkerMessage.Plan planMessage() {
    return new WorkerMessage.Plan(List.copyOf(planned.values()));
  }

  /** The display name of the running test, or null between tests. */
  String runningName() {
    return runningName;
  }

  /** The test during which a thread was first seen alive, or null. */
  synchronized String origin(Thread thread) {
    return threadOrigins.get(thread);
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (id.isTest()) {
      capture.take();
      runningName = name(id);
      channel.send(new WorkerMessage.Started(id.getUniqueId(), entryOf(id), runningName));
    }
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    for (String entry : entriesUnder(id)) {
      var test = planned.get(entry);
      finish(
          entry,
          entry,
          new TestResult(
              test.name(),
              TestStatus.SKIPPED,
              reason,
              null,
              null,
              null,
              CapturedOutput.NONE,
              test.taskId(),
              test.testCode()));
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.isTest()) {
      CapturedOutput output = capture.take();
      noteNewThreads();
      String entryId = entryOf(id);
      var entry = planned.get(entryId);
      String name = name(id);
      Integer task = entry == null ? null : entry.taskId();
      String code = entry == null ? "" : entry.testCode();
      TestResult test =
          switch (result.getStatus()) {
            case SUCCESSFUL -> TestResult.passed(name, output, task, code);
            case ABORTED ->
                new TestResult(
                    name,
                    TestStatus.SKIPPED,
                    result.getThrowable().map(Throwable::getMessage).orElse("aborted"),
                    null,
                    null,
                    null,
                    output,
                    task,
                    code);
            case FAILED ->
                describer.describe(name, result.getThrowable().orElseThrow(), output, task, code);
          };
      runningName = null;
      finish(entryId, id.getUniqueId(), test);
    } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
      failContainer(id, result.getThrowable().orElseThrow());
    }
  }

  /** A class-level failure (@BeforeAll, a constructor, static init) fails its unfinished tests. */
  private void failContainer(TestIdentifier container, Throwable thrown) {
    for (String entry : entriesUnder(container)) {
      if (!finished.contains(entry)) {
        var test = planned.get(entry);
        TestResult failed =
            describer.describe(test.name(), thrown, capture.take(), test.taskId(), test.testCode());
        finish(entry, entry, failed);
      }
    }
  }

  private void finish(String entry, String id, TestResult result) {
    finished.add(entry);
    channel.send(new WorkerMessage.Finished(id, entry, result));
  }

  private synchronized void noteNewThreads() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (!existing.contains(thread) && !threadOrigins.containsKey(thread)) {
        threadOrigins.put(thread, runningName);
      }
    }
  }

  /** Threads alive before the first test belong to no test. */
  synchronized void noteExistingThreads() {
    existing.addAll(Thread.getAllStackTraces().keySet());
  }

  synchronized boolean existedBefore(Thread thread) {
    return existing.contains(thread);
  }

  /** The plan entry a (possibly dynamic) test belongs to. */
  private String entryOf(TestIdentifier id) {
    for (TestIdentifier at = id; at != null; at = plan.getParent(at).orElse(null)) {
      if (planned.containsKey(at.getUniqueId())) {
        return at.getUniqueId();
      }
    }
    return id.getUniqueId();
  }

  private List<String> entriesUnder(TestIdentifier id) {
    if (planned.containsKey(id.getUniqueId())) {
      return List.of(id.getUniqueId());
    }
    return plan.getDescendants(id).stream()
        .map(TestIdentifier::getUniqueId)
        .filter(planned::containsKey)
        .toList();
  }

  private String name(TestIdentifier id) {
    var entry = planned.get(id.getUniqueId());
    if (entry != null) {
      return entry.name();
    }
    var parent = planned.get(entryOf(id));
    return parent == null ? id.getDisplayName() : parent.name() + " " + id.getDisplayName();
  }

  private Optional<TestIdentifier> parentMethod(TestIdentifier id) {
    return plan.getParent(id).filter(parent -> methodSource(parent).isPresent());
  }

  private static Optional<MethodSource> methodSource(TestIdentifier id) {
    return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
  }

  private static Integer taskId(Set<TestTag> tags) {
    for (TestTag tag : tags) {
      if (tag.getName().startsWith("task:")) {
        try {
          return Integer.valueOf(tag.getName().substring(5).strip());
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
