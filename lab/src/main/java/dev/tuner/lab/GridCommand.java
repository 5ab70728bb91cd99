package dev.tuner.lab;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lab grid}: the knob grid study, the yardstick the knob search was judged by. */
@Command(
    name = "grid",
    description = {
      "The exhaustive grid over a spec's knobs, and the knob search replayed over it.",
      "measure: every point alone, as the loop measures a build; paired: the points measure cannot"
          + " tell apart, each compared with a reference as the loop decides; search: the spec's"
          + " knob search run over the measured tables instead of the loop, counting the"
          + " evaluations it needs.",
      "measure and paired append a row per point to TABLE and skip points already in it, so they"
          + " can be stopped and started again; JMH's own output goes to TABLE.jmh.log."
    },
    subcommands = {
      GridMeasureCommand.class,
      GridPairedCommand.class,
      GridSearchCommand.class,
      CommandLine.HelpCommand.class
    })
final class GridCommand implements Runnable {

  @CommandLine.Mixin HelpOption help;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand: measure, paired or search");
  }
}
