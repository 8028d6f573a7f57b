package dev.prep.runner.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    description = {
      "Print a bash/zsh completion script.",
      "bash: source <(./prep completion)    zsh: autoload -U bashcompinit && bashcompinit && source <(./prep completion)"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("prep", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return PrepCommand.OK;
  }
}
