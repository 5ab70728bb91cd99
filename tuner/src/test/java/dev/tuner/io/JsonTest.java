package dev.tuner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  record Point(int x) {}

  @Test
  void eachMapperKeepsTheSettingsItsSitesHad() throws Exception {
    assertThat(Json.mapper().writeValueAsString(Map.of("x", 1))).isEqualTo("{\"x\":1}");
    assertThat(Json.pretty().writeValueAsString(Map.of("x", 1)))
        .isEqualTo("{" + System.lineSeparator() + "  \"x\" : 1" + System.lineSeparator() + "}");
    assertThatThrownBy(() -> Json.mapper().readValue("{\"x\":1,\"y\":2}", Point.class))
        .isInstanceOf(UnrecognizedPropertyException.class);
    assertThat(Json.lenient().readValue("{\"x\":1,\"y\":2}", Point.class)).isEqualTo(new Point(1));
  }
}
