package dev.tuner.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.decide.SequentialPlan.Action;
import dev.tuner.measure.ForkResult;
import dev.tuner.measure.JmhCase;
import dev.tuner.measure.JmhJsonReader;
import dev.tuner.measure.JmhResults;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForkSummaryTest {

  @Test
  void groupsTheIthForkOfEveryCase() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f3-gc.json"));

    List<ForkSummary> forks = ForkSummary.of(run);

    assertThat(forks).hasSize(3);
    for (int f = 0; f < 3; f++) {
      for (JmhCase c : run.cases()) {
        ForkResult fork = c.forks().get(f);
        assertThat(forks.get(f).cases().get(c.id()))
            .isEqualTo(
                new CaseFork(
                    fork.quantiles().p50(), fork.quantiles().p95(), fork.allocBytesPerOp()));
      }
    }
  }

  @Test
  void refusesCasesWithDifferentForkCounts() throws IOException {
    JmhCase threeForks = JmhJsonReader.read(resource("tiny-f3-gc.json")).cases().get(0);
    JmhCase oneFork = JmhJsonReader.read(resource("tiny-f1-gc.json")).cases().get(1);
    JmhResults mixed = new JmhResults(Path.of("mixed.json"), List.of(threeForks, oneFork));

    assertThatThrownBy(() -> ForkSummary.of(mixed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mixed.json")
        .hasMessageContaining("has 1 forks");
  }

  @Test
  void realRunsOfTheSameCodeAreNotKept() throws IOException {
    // Two separate real runs of the same benchmark, heavy with timer-tick ties.
    List<ForkSummary> a = ForkSummary.of(JmhJsonReader.read(resource("tiny-f3-gc.json")));
    List<ForkSummary> b = ForkSummary.of(JmhJsonReader.read(resource("tiny-f3-nogc.json")));

    SequentialPlan.Step step = new SequentialPlan(DecisionRule.defaults()).next(a, b);
    Assessment same = new KeepRule(DecisionRule.defaults()).assess(a, a);

    assertThat(step.look()).isEqualTo(3);
    assertThat(step.action()).isNotEqualTo(Action.KEEP);
    assertThat(same.p50().ratio()).isEqualTo(1.0);
    assertThat(same.p95().verdict()).isEqualTo(Verdict.SAME);
    assertThat(same.keep()).isFalse();
  }

  private static Path resource(String name) {
    try {
      return Path.of(ForkSummaryTest.class.getResource("/jmh/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
