package dev.tuner.cli;

import dev.tuner.mcp.TunerMcpServer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "mcp",
    description = {
      "Serve the optimisation loop to a coding agent over the Model Context Protocol (stdio).",
      "Tools: start, status, evaluate, profile, log, report, add_idea, stop. The agent proposes;"
          + " tuner checks scope, builds, verifies parity, benchmarks against the best and keeps a"
          + " change only with statistical evidence, on branch tuner/<tag>, logging every try to"
          + " .tuner/experiments.jsonl as optimize does.",
      "Stdout carries the protocol; progress lines go to stderr. See docs/reference/mcp.md."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the client closed the connection (a run still open is left to resume: start"
          + " {resume: true})",
      "2:bad spec (tuner.yaml)",
      "3:the environment failed"
    })
final class McpCommand implements Callable<Integer> {

  @Mixin Project project;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    var spec = project.spec();
    // Stdout is the protocol's channel: anything else printed there would corrupt it.
    OutputStream protocol = new FileOutputStream(FileDescriptor.out);
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      return TunerMcpServer.serve(
          project.root(),
          spec,
          project.specFile,
          System.in,
          protocol,
          commandSpec.commandLine().getErr(),
          Version.current());
    } finally {
      System.setOut(stdout);
    }
  }
}
