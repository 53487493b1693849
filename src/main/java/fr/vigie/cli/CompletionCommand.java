package fr.vigie.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigie completion bash|zsh}: the completion script of every command and option, written
 * by picocli from the commands themselves, so it never lags behind them.
 */
@Command(
    name = "completion",
    description = "Print a shell completion script: eval \"$(vigie completion bash)\" in ~/.bashrc,"
        + " or the same with zsh in ~/.zshrc.")
final class CompletionCommand implements Callable<Integer> {

  enum Shell {
    bash,
    zsh
  }

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "bash|zsh", description = "The shell: bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script = AutoComplete.bash(root.getCommandName(), root);
    if (shell == Shell.zsh) {
      // picocli's script is bash's; zsh runs it through its bash-completion layer
      script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
          + script;
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
