package dev.tuner.lab;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} on every command. Not picocli's standard mixin: its {@code --version} would
 * print nothing, the lab having no release of its own.
 */
final class HelpOption {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;
}
