package dev.tuner.lab;

import dev.tuner.knobs.KnobSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid tables as read back: a header naming the columns, then one line per row (blank lines
 * skipped).
 */
final class GridTsv {

  private GridTsv() {}

  /** One row: its line number in the file and its cells by column name. */
  record Line(Path file, int number, Map<String, String> cells) {

    String get(String column) {
      String v = cells.get(column);
      if (v == null) {
        throw new IllegalArgumentException(
            file + " line " + number + ": no column '" + column + "'");
      }
      return v;
    }

    double number(String column) {
      return Double.parseDouble(get(column));
    }

    /** The point the row names: a column per knob, each named {@code prefix} + the knob's name. */
    Map<String, String> point(KnobSpace space, String prefix) {
      Map<String, String> p = new LinkedHashMap<>();
      space.knobs().forEach(k -> p.put(k.name(), get(prefix + k.name())));
      return space.with(p, Map.of());
    }
  }

  static List<Line> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split("\t", -1);
    List<Line> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cols = lines.get(i).split("\t", -1);
      Map<String, String> cells = new LinkedHashMap<>();
      for (int c = 0; c < Math.min(header.length, cols.length); c++) {
        cells.put(header[c], cols[c]);
      }
      rows.add(new Line(file, i + 1, cells));
    }
    return rows;
  }
}
