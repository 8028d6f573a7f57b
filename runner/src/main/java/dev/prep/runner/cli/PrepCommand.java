package dev.prep.runner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Placeholder entry point while the runner is being built. */
@Command(name = "prep", mixinStandardHelpOptions = true)
public final class PrepCommand implements Runnable {
  @Override
  public void run() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new PrepCommand()).execute(args));
  }
}
