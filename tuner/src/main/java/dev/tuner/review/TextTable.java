package dev.tuner.review;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns aligned with spaces for a terminal. Numeric columns align right; the last column is cut
 * to keep lines within {@code width} (the descriptions are what runs long).
 */
final class TextTable {

  private final List<String> headers;
  private final boolean[] right;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> headers, boolean... right) {
    this.headers = List.copyOf(headers);
    this.right = right;
  }

  void add(List<String> cells) {
    rows.add(cells.stream().map(c -> c == null ? "" : c.replaceAll("\\s+", " ").strip()).toList());
  }

  void print(PrintWriter out, int width) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    line(out, headers, widths, width);
    for (List<String> row : rows) {
      line(out, row, widths, width);
    }
  }

  private void line(PrintWriter out, List<String> cells, int[] widths, int width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      boolean last = i == cells.size() - 1;
      if (i > 0) {
        line.append("  ");
      }
      if (last) {
        int room = Math.max(20, width - line.length());
        line.append(cell.length() > room ? cell.substring(0, room - 1) + "…" : cell);
      } else if (i < right.length && right[i]) {
        line.append(" ".repeat(widths[i] - cell.length())).append(cell);
      } else {
        line.append(cell).append(" ".repeat(widths[i] - cell.length()));
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
