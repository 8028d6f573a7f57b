package dev.prep.runner.cli;

import dev.prep.runner.course.CourseException;
import dev.prep.runner.grade.Grading;
import dev.prep.runner.session.Session;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code prep}: read, run and solve. Without a verb it shows where the learner stands. */
@Command(
    name = "prep",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every verb takes --help
    version = "prep 1.0",
    description = "Backend interview practice: read notebooks, run demos, solve graded exercises.",
    subcommands = {
      StatusCommand.class,
      ListCommand.class,
      ReadCommand.class,
      NotebookCommand.class,
      DemoCommand.class,
      CheckCommand.class,
      WatchCommand.class,
      HintCommand.class,
      SolutionCommand.class,
      ResetCommand.class,
      VerifyCommand.class,
      ReplCommand.class,
      BenchCommand.class,
      RedisServerCommand.class,
      CompletionCommand.class,
      DevCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done: everything checked passed",
      "1:graded failure: a test failed, a notebook differs, a stub passed",
      "2:usage error: unknown exercise, topic or option; a malformed file",
      "3:internal error: a bug in prep (run again with --verbose and report it)"
    })
public final class PrepCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of internal errors.")
  boolean verbose;

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      hidden = true,
      description = "The Prep checkout (default: found from the working folder, or PREP_HOME).")
  java.nio.file.Path home;

  private Session session;
  private Grading prestarted;

  PrepCommand(Grading prestarted) {
    this.prestarted = prestarted;
  }

  /** A grading worker: the one main() started early if it fits this session, else a new one. */
  Grading grading(Session forSession) {
    Grading early = prestarted;
    prestarted = null;
    if (early != null && forSession.root().equals(session().root())) {
      return early;
    }
    if (early != null) {
      early.close();
    }
    return Graders.open(forSession);
  }

  Session session() {
    if (session == null) {
      var printer = new Printer(spec);
      session =
          new Session(home != null ? home : Session.findRoot(), Clock.systemUTC(), printer::notice);
    }
    return session;
  }

  @Override
  public Integer call() throws Exception {
    return new StatusCommand().show(this, new Printer(spec));
  }

  public static void main(String[] args) {
    System.exit(commandLine(Graders.prestart(args)).execute(args));
  }

  /** The configured command line; tests call this to run prep in-process. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  private static CommandLine commandLine(Grading prestarted) {
    var prep = new PrepCommand(prestarted);
    var cl = new CommandLine(prep);
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          var printer = new Printer(line.getCommandSpec());
          if (ex instanceof CourseException || ex instanceof UserError) {
            printer.error(ex.getMessage());
            return USAGE;
          }
          printer.error(
              "internal error: " + ex + (prep.verbose ? "" : " (run with --verbose for details)"));
          if (prep.verbose) {
            ex.printStackTrace(line.getErr());
          }
          return INTERNAL;
        });
    cl.setExitCodeExceptionMapper(ex -> USAGE);
    return cl;
  }
}
