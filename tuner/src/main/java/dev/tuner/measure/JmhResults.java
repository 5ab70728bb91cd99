package dev.tuner.measure;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The SampleTime cases of one JMH JSON result file, in file order. */
public record JmhResults(Path source, List<JmhCase> cases) {

  public JmhResults {
    Objects.requireNonNull(source, "source");
    cases = List.copyOf(cases);
  }

  /** The case with this {@link JmhCase#id() id}, if the file has it. */
  public Optional<JmhCase> find(String caseId) {
    return cases.stream().filter(c -> c.id().equals(caseId)).findFirst();
  }
}
