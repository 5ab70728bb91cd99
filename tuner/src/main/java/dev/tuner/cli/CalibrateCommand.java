package dev.tuner.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "calibrate", description = "Measure this machine's false-keep rate and power.", mixinStandardHelpOptions = true)
final class CalibrateCommand implements Callable<Integer> {

  @Mixin Project project;

  private final PrintWriter out;
  private final PrintWriter err;

  CalibrateCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    return ExitCode.OK;
  }
}
