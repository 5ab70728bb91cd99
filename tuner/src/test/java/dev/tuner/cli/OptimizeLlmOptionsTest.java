package dev.tuner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.spec.MinimalSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuner optimize --proposer llm} refuses bad settings before it touches anything. */
class OptimizeLlmOptionsTest {

  @TempDir Path root;
  Path spec;

  @BeforeEach
  void aSpec() throws Exception {
    spec = root.resolve("tuner.yaml");
    Files.writeString(
        spec,
        MinimalSpec.TEXT
            + "optimize: {proposer: {kind: llm, llm: {provider: openai, model: gpt-4o-mini, apiKeyEnv: MY_OPENAI_KEY}}}\n");
  }

  private String[] run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 3];
    all[0] = "optimize";
    all[1] = "--spec";
    all[2] = spec.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    int code = new Main(new PrintWriter(out), new PrintWriter(err), env).run(all);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void aMissingKeyVariableIsAUsageErrorNamingIt() {
    String[] r = run(Map.of());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2])
        .contains("tuner optimize: the environment variable MY_OPENAI_KEY")
        .contains("is not set");
    assertThat(root.resolve(".tuner")).doesNotExist();
  }

  @Test
  void theFlagsOverrideTheSpec() {
    String[] r =
        run(
            Map.of("MY_OPENAI_KEY", "sk-0000-1111"),
            "--provider",
            "anthropic",
            "--api-key-env",
            "CLAUDE_KEY");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("the environment variable CLAUDE_KEY").contains("anthropic API key");
  }

  @Test
  void aModelWithoutAPriceIsRefusedUnderACostCapOnly() {
    String[] r =
        run(Map.of("MY_OPENAI_KEY", "sk-0000-1111"), "--model", "ft:my-own", "--max-cost", "2");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2])
        .contains(
            "tuner optimize: the cost cap of $2.00 (--max-cost or optimize.maxCostUsd) cannot be"
                + " held: model 'ft:my-own' has no known price")
        .contains("optimize.proposer.llm.prices: {\"ft:my-own\": {input: USD, output: USD}}");
    assertThat(r[1] + r[2]).doesNotContain("sk-0000-1111");

    // Without a cap it starts (and stops here only because the directory is no git repository).
    String[] uncapped = run(Map.of("MY_OPENAI_KEY", "sk-0000-1111"), "--model", "ft:my-own");
    assertThat(uncapped[1]).contains("llm proposer: openai ft:my-own, price unknown");
    assertThat(uncapped[2]).doesNotContain("price").contains("is not a git repository");
  }

  @Test
  void helpListsTheLlmOptions() {
    String[] r = run(Map.of(), "--help");
    assertThat(r[1])
        .contains("--provider")
        .contains("--model")
        .contains("--base-url")
        .contains("--api-key-env");
  }
}
