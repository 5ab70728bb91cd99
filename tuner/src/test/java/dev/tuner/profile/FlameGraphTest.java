package dev.tuner.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Flame graphs drawn from collapsed stacks with a known answer, read back as XML. */
class FlameGraphTest {

  static final String COLLAPSED =
      """
      app.Main.run;app.Parser.parse 10
      app.Main.run;app.Parser.parse;app.Lexer.<init> 30
      app.Main.run;app.Writer.write 20
      app.Other.go 40
      """;

  static final double DRAWN = FlameGraph.WIDTH - 2 * FlameGraph.PAD;

  @Test
  void everyFrameIsABoxAsWideAsItsShareOfTheSamplesAboveItsCaller() throws Exception {
    Stacks stacks = Stacks.parse(COLLAPSED);
    assertThat(stacks.total()).isEqualTo(100);

    Map<String, Element> boxes =
        boxes(FlameGraph.svg(stacks, FlameGraph.Kind.CPU, "CPU", f -> f.startsWith("app.")));

    // all, Main.run, Other.go, Parser.parse, Writer.write, Lexer.<init>: one box each.
    assertThat(boxes).hasSize(6);
    assertThat(width(boxes, "all")).isCloseTo(DRAWN, within(0.01));
    assertThat(width(boxes, "app.Main.run")).isCloseTo(0.60 * DRAWN, within(0.01));
    assertThat(width(boxes, "app.Other.go")).isCloseTo(0.40 * DRAWN, within(0.01));
    assertThat(width(boxes, "app.Parser.parse")).isCloseTo(0.40 * DRAWN, within(0.01));
    assertThat(width(boxes, "app.Writer.write")).isCloseTo(0.20 * DRAWN, within(0.01));
    assertThat(width(boxes, "app.Lexer.<init>")).isCloseTo(0.30 * DRAWN, within(0.01));
    // Siblings in alphabetical order, the first at its caller's left edge; callees above callers.
    assertThat(x(boxes, "app.Main.run")).isCloseTo(FlameGraph.PAD, within(0.01));
    assertThat(x(boxes, "app.Other.go")).isCloseTo(FlameGraph.PAD + 0.60 * DRAWN, within(0.01));
    assertThat(x(boxes, "app.Writer.write")).isCloseTo(FlameGraph.PAD + 0.40 * DRAWN, within(0.01));
    assertThat(y(boxes, "app.Main.run")).isEqualTo(y(boxes, "all") - FlameGraph.FRAME_HEIGHT);
    assertThat(y(boxes, "app.Lexer.<init>"))
        .isEqualTo(y(boxes, "app.Main.run") - 2 * FlameGraph.FRAME_HEIGHT);
    // The title says what hovering shows: the name (escaped in the file), samples and share.
    assertThat(title(boxes, "app.Parser.parse")).isEqualTo("app.Parser.parse (40 samples, 40.00%)");
  }

  @Test
  void theDifferentialGraphShowsBothProfilesFramesColouredByTheirChange() throws Exception {
    Stacks before = Stacks.parse("app.Main.run;app.Slow.work 80\napp.Main.run;app.Io.read 20\n");
    Stacks after = Stacks.parse("app.Main.run;app.Io.read 20\napp.Main.run;app.Fast.work 5\n");

    Map<String, Element> boxes = boxes(FlameGraph.diff(before, after, "baseline → best"));

    assertThat(boxes).containsKeys("app.Slow.work", "app.Fast.work", "app.Io.read");
    assertThat(title(boxes, "app.Slow.work")).contains("80.00% → 0.00%", "-80.00 points");
    assertThat(title(boxes, "app.Io.read")).contains("20.00% → 80.00%", "+60.00 points");
    // Main.run's callees need 0.8 + 0.8 + 0.2 of the width side by side (each its larger share).
    assertThat(width(boxes, "app.Slow.work")).isCloseTo(0.80 / 1.80 * DRAWN, within(0.01));
    assertThat(fill(boxes, "app.Slow.work")).isEqualTo("rgb(55,55,255)"); // the largest shrink
    assertThat(fill(boxes, "app.Io.read")).startsWith("rgb(255,"); // grew: red
  }

  @Test
  void aLineThatIsNotAStackAndItsWeightIsNamed() {
    assertThatThrownBy(() -> Stacks.parse("a;b 3\na;b three\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("a;b three");
    assertThat(Stacks.parse(COLLAPSED).text()).isEqualTo(COLLAPSED);
  }

  /** Each frame's group by the frame's name (the title up to " ("). */
  static Map<String, Element> boxes(String svg) throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    Map<String, Element> boxes = new LinkedHashMap<>();
    NodeList groups = doc.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      String title = g.getElementsByTagName("title").item(0).getTextContent();
      boxes.put(title.substring(0, title.indexOf(" (")), g);
    }
    return boxes;
  }

  static double width(Map<String, Element> boxes, String frame) {
    return Double.parseDouble(rect(boxes, frame).getAttribute("width"));
  }

  static double x(Map<String, Element> boxes, String frame) {
    return Double.parseDouble(rect(boxes, frame).getAttribute("x"));
  }

  static double y(Map<String, Element> boxes, String frame) {
    return Double.parseDouble(rect(boxes, frame).getAttribute("y"));
  }

  static String fill(Map<String, Element> boxes, String frame) {
    return rect(boxes, frame).getAttribute("fill");
  }

  static String title(Map<String, Element> boxes, String frame) {
    return boxes.get(frame).getElementsByTagName("title").item(0).getTextContent();
  }

  static Element rect(Map<String, Element> boxes, String frame) {
    assertThat(boxes).containsKey(frame);
    return (Element) boxes.get(frame).getElementsByTagName("rect").item(0);
  }
}
