package com.example.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class TuningTest {

  @Test
  void theShippedFileHoldsTheDeliberatelyModestDefaults() {
    assertThat(Tuning.load()).isEqualTo(new Tuning(10, 1, 64, 4, 0));
  }

  @Test
  void unknownKeysAreErrors() {
    Properties p = valid();
    p.setProperty("reference.batchsize", "20");

    assertThatThrownBy(() -> Tuning.fromProperties(p)).hasMessageContaining("reference.batchsize");
  }

  @Test
  void missingAndBadValuesNameTheKey() {
    Properties missing = valid();
    missing.remove("parallelism");
    assertThatThrownBy(() -> Tuning.fromProperties(missing)).hasMessageContaining("parallelism");

    Properties notANumber = valid();
    notANumber.setProperty("analysis.cacheSize", "lots");
    assertThatThrownBy(() -> Tuning.fromProperties(notANumber))
        .hasMessageContaining("analysis.cacheSize");

    Properties tooBig = valid();
    tooBig.setProperty("reference.batchSize", "101");
    assertThatThrownBy(() -> Tuning.fromProperties(tooBig))
        .hasMessageContaining("reference.batchSize");
  }

  private static Properties valid() {
    Properties p = new Properties();
    p.setProperty("reference.batchSize", "10");
    p.setProperty("parallelism", "1");
    p.setProperty("analysis.cacheSize", "64");
    p.setProperty("segments.patternCacheSize", "4");
    p.setProperty("calibration.extraWorkPercent", "0");
    return p;
  }
}
