package dev.prep.runner.cli;

import dev.prep.runner.course.Durations;
import dev.prep.runner.course.Exercise;
import dev.prep.runner.grade.GradeReport;
import dev.prep.runner.grade.Grading;
import dev.prep.runner.grade.ReportRenderer;
import dev.prep.runner.session.Session;
import dev.prep.runner.session.Submission;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "watch",
    description = {
      "Work through the exercises: grade the current one on every save.",
      "Keys: n next (once it passes)  h hint  l list  r reset  c check now  q quit."
    })
final class WatchCommand implements Callable<Integer> {
  @ParentCommand PrepCommand prep;
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "<exercise>",
      description = "Start here instead of at the first not done.")
  String start;

  @Option(
      names = "--poll",
      description = "Check files for changes every 250 ms instead of waiting for file events.")
  boolean poll;

  /** What wakes the loop: a key, or a save. */
  private sealed interface Event permits Key, Saved {}

  private record Key(int code) implements Event {}

  private record Saved() implements Event {}

  private Printer p;
  private Session session;
  private Exercise current;
  private boolean passing;

  @Override
  public Integer call() throws InterruptedException {
    p = new Printer(spec);
    session = prep.session();
    var course = session.course();
    var first =
        start != null
            ? java.util.Optional.of(course.exercise(start))
            : Next.exercise(course, session.progress());
    if (first.isEmpty()) {
      p.line(
          "@|green,bold Every exercise passes.|@ Nothing to watch: prep verify re-checks them all.");
      return PrepCommand.OK;
    }
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    try (var grading = prep.grading(session);
        var keyboard = Keyboard.open();
        var changes = new FileChanges(poll)) {
      grading.warmUp();
      Thread.ofPlatform()
          .daemon()
          .name("prep-keys")
          .start(() -> readKeys(keyboard, System.in, events));
      Thread.ofPlatform().daemon().name("prep-files").start(() -> watchFiles(changes, events));
      moveTo(first.get(), changes);
      grade(grading);
      while (true) {
        Event e = events.take();
        if (e instanceof Saved) {
          grade(grading);
        } else if (e instanceof Key(int code) && !onKey(code, grading, changes, events)) {
          return PrepCommand.OK;
        }
      }
    }
  }

  private boolean onKey(int code, Grading grading, FileChanges changes, BlockingQueue<Event> events)
      throws InterruptedException {
    switch (code) {
      case 'q', -1 -> {
        p.line("Bye. Your progress is saved; ./prep shows where you stand.");
        return false;
      }
      case 'h' -> HintCommand.reveal(session, current, p);
      case 'l' -> new ListCommand().print(p, session, current.topic());
      case 'c' -> grade(grading);
      case 'r' -> {
        p.line("Reset %s to its stub? Your version is backed up first. [y/n]", current.id());
        if (events.take() instanceof Key(int answer) && answer == 'y') {
          ResetCommand.restore(session, current, p);
          grade(grading);
        } else {
          p.line("Not reset.");
        }
      }
      case 'n' -> {
        if (!passing) {
          p.line("%s does not pass yet: n moves on once it does (h for a hint).", current.id());
        } else {
          var next = Next.after(session.course(), session.progress(), current);
          if (next.isEmpty()) {
            p.line("@|green,bold That was the last one: every exercise passes.|@");
            return false;
          }
          moveTo(next.get(), changes);
          grade(grading);
        }
      }
      default -> keys();
    }
    return true;
  }

  private void moveTo(Exercise exercise, FileChanges changes) {
    current = exercise;
    passing = false;
    session.update(pr -> pr.withCurrent(exercise.id()));
    changes.follow(exercise.stubPaths().stream().map(f -> session.root().resolve(f)).toList());
  }

  private void grade(Grading grading) {
    long started = System.nanoTime();
    if (p.colour()) {
      p.out().print("\033[H\033[2J");
    }
    p.line("@|faint checking %s …|@", current.id());
    GradeReport report = grading.grade(Submission.LEARNER.request(session, current));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    p.markup(new ReportRenderer(prep.verbose).render(report));
    Graders.record(session, current, report);
    passing = report.passed();
    for (Path f : current.stubPaths()) {
      p.line("@|faint %s|@", f.toString());
    }
    if (passing) {
      p.line(
          "@|green,bold ✓ %s passes.|@ Press n for the next exercise (prep solution %s shows the reference).",
          current.id(), current.id());
    }
    p.line("@|faint checked in %s|@", Durations.human(took));
    keys();
  }

  private void keys() {
    p.line("@|bold %s|@h hint  l list  r reset  c check  q quit", passing ? "n next  " : "");
  }

  private static void readKeys(Keyboard keyboard, InputStream in, BlockingQueue<Event> events) {
    try {
      int c;
      do {
        c = keyboard.read(in);
        events.put(new Key(c));
      } while (c != -1);
    } catch (IOException e) {
      events.add(new Key(-1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void watchFiles(FileChanges changes, BlockingQueue<Event> events) {
    try {
      while (true) {
        changes.awaitChange();
        events.put(new Saved());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
