package dev.tuner.propose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandProposerTest {

  @TempDir Path root;

  private ProposalRequest request(Duration timeout) throws Exception {
    Path prompt = root.resolve(".tuner/prompts/run-3.md");
    Files.createDirectories(prompt.getParent());
    Files.writeString(prompt, "make it faster");
    return new ProposalRequest(
        3, 2, root, "abc", "make it faster", prompt, root.resolve(".tuner/ideas.md"), timeout);
  }

  @Test
  void theCommandEditsTheTreeAndDescribesItsChangeThroughTheResultFile() throws Exception {
    String script =
        "grep -q faster \"$TUNER_PROMPT_FILE\" && echo 'int x;' > Hot.java && "
            + "printf '{\"description\":\"cache x\",\"hypothesis\":\"x is recomputed\",\"tags\":[\"cache\"],"
            + "\"ideas\":[\"batch the calls\"]}' > \"$TUNER_RESULT_FILE\" && echo run=$TUNER_RUN";
    Proposal p =
        new CommandProposer(script, root.resolve(".tuner"))
            .propose(request(Duration.ofSeconds(30)));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.CHANGED);
    assertThat(p.description()).isEqualTo("cache x");
    assertThat(p.hypothesis()).isEqualTo("x is recomputed");
    assertThat(p.tags()).containsExactly("cache");
    assertThat(p.ideas()).containsExactly("batch the calls");
    assertThat(p.output()).contains("run=3");
    assertThat(root.resolve("Hot.java")).hasContent("int x;");
  }

  @Test
  void withoutAResultFileTheLastLineOfOutputIsTheDescription() throws Exception {
    Proposal p =
        new CommandProposer("echo thinking; echo 'inline the parser'", root.resolve(".tuner"))
            .propose(request(Duration.ofSeconds(30)));
    assertThat(p.description()).isEqualTo("inline the parser");
  }

  @Test
  void aFailingCommandIsAnInvalidProposalWithItsOutput() throws Exception {
    Proposal p =
        new CommandProposer("echo 'rate limited' >&2; exit 4", root.resolve(".tuner"))
            .propose(request(Duration.ofSeconds(30)));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).contains("exited 4");
    assertThat(p.output()).contains("rate limited");
  }

  @Test
  void aCommandPastItsTimeoutIsKilled() throws Exception {
    Proposal p =
        new CommandProposer("sleep 30", root.resolve(".tuner"))
            .propose(request(Duration.ofSeconds(1)));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.TIMEOUT);
    assertThat(p.problem()).contains("ran past 1 s");
  }
}
