package dev.tuner.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.spec.MinimalSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run prints, line by line. */
class ConsoleTest {

  @TempDir Path dir;

  @Test
  void theProgressLineSaysTheCostIsUnknownForAModelWithoutAPrice() throws Exception {
    RunState s = new RunState(MinimalSpec.load(dir, MinimalSpec.TEXT));
    assertThat(Console.cost(s)).as("free").isEmpty();
    s.cost = 0.1234;
    assertThat(Console.cost(s)).isEqualTo(" · $0.12");
    s.costUnknown = "ft:my-own";
    assertThat(Console.cost(s)).isEqualTo(" · cost unknown (no price for ft:my-own; $0.12 priced)");
    s.cost = 0;
    assertThat(Console.cost(s)).isEqualTo(" · cost unknown (no price for ft:my-own)");
  }
}
