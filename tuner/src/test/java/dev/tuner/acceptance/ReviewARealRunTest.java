package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.cli.Main;
import dev.tuner.harness.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuner log} and {@code tuner report} on the log of a real {@code tuner optimize} run with
 * the demo patch queue (see src/test/resources/review/README.md): the counts they print are the
 * log's.
 */
class ReviewARealRunTest {

  static final Path RUN_LOG = ReportOpensInABrowserTest.RUN_LOG;

  @TempDir Path dir;

  /** Tries per status, counted straight from the JSON lines. */
  static final Map<String, Integer> STATUSES = new LinkedHashMap<>();

  @BeforeAll
  static void countTheLogsStatuses() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(RUN_LOG)) {
      JsonNode record = json.readTree(line);
      if ("experiment".equals(record.path("type").asText())) {
        STATUSES.merge(record.get("status").asText(), 1, Integer::sum);
      }
    }
  }

  static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Main(new PrintWriter(out), new PrintWriter(err), Map.of()).run(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void logPrintsEveryTryAndTheCountsPerStatus() {
    String[] r = run("log", "--log", RUN_LOG.toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[2]).isEmpty();
    int total = STATUSES.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(r[1].lines().filter(l -> l.matches("\\s*\\d+\\s+[0-9a-f]{7}\\s+.*"))).hasSize(total);
    StringBuilder counts = new StringBuilder(total + " tries");
    String sep = ": ";
    for (var e : STATUSES.entrySet()) {
      counts.append(sep).append(e.getKey()).append(' ').append(e.getValue());
      sep = ", ";
    }
    assertThat(r[1]).contains(counts);
  }

  @Test
  void groupByStatusCountsTriesAndKeptPerStatus() {
    String[] r = run("log", "--log", RUN_LOG.toString(), "--group-by", "status");
    assertThat(r[0]).isEqualTo("0");
    for (var e : STATUSES.entrySet()) {
      int kept = e.getKey().equals("keep") ? e.getValue() : 0;
      assertThat(r[1])
          .containsPattern("(?m)^" + e.getKey() + "\\s+" + e.getValue() + "\\s+" + kept + "\\s");
    }
  }

  @Test
  void reportWritesTheHtmlPageAndThePngChart() throws Exception {
    Path html = dir.resolve("r.html");
    Path png = dir.resolve("r.png");
    String[] r =
        run(
            "report",
            "--log",
            RUN_LOG.toString(),
            "--html",
            html.toString(),
            "--png",
            png.toString());
    assertThat(Integer.parseInt(r[0])).as(r[2]).isEqualTo(ExitCode.OK);
    assertThat(r[1]).contains("portfolio-scorer", "hold-out", "top ");
    assertThat(Files.readString(html)).contains("<table>").contains("data:image/png;base64,");
    assertThat(ImageIO.read(png.toFile()).getHeight()).isPositive();
  }
}
