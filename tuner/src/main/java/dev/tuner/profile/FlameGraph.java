package dev.tuner.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Flame graphs as static SVG, in the layout of Brendan Gregg's {@code flamegraph.pl}: the root at
 * the bottom, each frame a box above its caller, its width proportional to its inclusive weight,
 * siblings in alphabetical order. No script: every frame carries a {@code <title>}, which browsers
 * show on hover, so the page that embeds it stays self-contained.
 *
 * <p>The differential graph draws the frames of both profiles (baseline → best) in one tree; a
 * frame is as wide as the larger of its two shares, and coloured by how its share changed: red when
 * it grew, blue when it shrank, white when it stayed.
 */
public final class FlameGraph {

  /** Width of the drawing in user units (pixels when the file is opened alone). */
  public static final int WIDTH = 1200;

  static final int FRAME_HEIGHT = 16;
  static final int TOP = 34;
  static final int BOTTOM = 8;
  static final int PAD = 10;

  /** Frames narrower than this are left out (with everything above them), as flamegraph.pl does. */
  static final double MIN_WIDTH = 0.1;

  private static final double CHAR_WIDTH = 6.4;

  private FlameGraph() {}

  /** What a flame graph shows: which palette, and how a weight reads in a title. */
  public enum Kind {
    CPU("samples"),
    ALLOC("bytes");

    final String unit;

    Kind(String unit) {
      this.unit = unit;
    }
  }

  /**
   * The flame graph of {@code stacks}.
   *
   * @param own which frames are the project's (drawn warmer than library and JDK frames)
   */
  public static String svg(Stacks stacks, Kind kind, String title, Predicate<String> own) {
    Node root = new Node("all");
    stacks.weights().forEach((stack, w) -> root.add(Stacks.frames(stack), w, 0));
    double total = Math.max(1, root.after);
    List<Box> boxes = new ArrayList<>();
    layout(root, 0, WIDTH - 2 * PAD, 0, total, boxes);
    StringBuilder g = new StringBuilder();
    int depth = boxes.stream().mapToInt(Box::depth).max().orElse(0) + 1;
    int height = TOP + depth * FRAME_HEIGHT + BOTTOM;
    for (Box b : boxes) {
      String name = b.node().name;
      String fill =
          kind == Kind.ALLOC
              ? allocColour(name)
              : cpuColour(name, b.depth() == 0 || own.test(name));
      String hover =
          String.format(
              Locale.ROOT,
              "%s (%s %s, %.2f%%)",
              name,
              b.depth() == 0 ? "all" : "",
              kind == Kind.ALLOC ? FrameTable.bytes(b.node().after) : b.node().after + " samples",
              100.0 * b.node().after / total);
      hover = hover.replace("( ", "(").replace("(all ", "(");
      box(g, b, height, fill, hover);
    }
    return document(g, height, title, subtitle(kind, stacks));
  }

  /** The differential flame graph from {@code before} to {@code after}. */
  public static String diff(Stacks before, Stacks after, String title) {
    Node root = new Node("all");
    before.weights().forEach((stack, w) -> root.addBefore(Stacks.frames(stack), w, 0));
    after.weights().forEach((stack, w) -> root.add(Stacks.frames(stack), w, 0));
    double totalBefore = Math.max(1, root.before);
    double totalAfter = Math.max(1, root.after);
    root.share(totalBefore, totalAfter);
    double rootWidth = root.width();
    List<Box> boxes = new ArrayList<>();
    layoutDiff(root, 0, (WIDTH - 2 * PAD) / rootWidth, 0, boxes);
    double maxChange =
        boxes.stream()
            .mapToDouble(b -> Math.abs(b.node().shareAfter - b.node().shareBefore))
            .max()
            .orElse(0);
    int depth = boxes.stream().mapToInt(Box::depth).max().orElse(0) + 1;
    int height = TOP + depth * FRAME_HEIGHT + BOTTOM;
    StringBuilder g = new StringBuilder();
    for (Box b : boxes) {
      Node n = b.node();
      double change = n.shareAfter - n.shareBefore;
      String hover =
          String.format(
              Locale.ROOT,
              "%s (%.2f%% → %.2f%%, %+.2f points)",
              n.name,
              100 * n.shareBefore,
              100 * n.shareAfter,
              100 * change);
      box(g, b, height, diffColour(change, maxChange), hover);
    }
    String sub =
        String.format(
            Locale.ROOT,
            "share of the samples, baseline (%d) → best (%d): red grew, blue shrank; width: the"
                + " larger share",
            before.total(),
            after.total());
    return document(g, height, title, sub);
  }

  private static String subtitle(Kind kind, Stacks stacks) {
    return kind == Kind.ALLOC
        ? "sampled allocations, "
            + FrameTable.bytes(stacks.total())
            + "; hover a frame for its share"
        : stacks.total() + " samples; hover a frame for its share";
  }

  /** One drawn frame: where it sits, in user units from the left margin. */
  record Box(Node node, int depth, double x, double width) {}

  private static void layout(
      Node node, int depth, double width, double x, double total, List<Box> out) {
    double w = width * node.after / total;
    if (w < MIN_WIDTH) {
      return;
    }
    out.add(new Box(node, depth, x, w));
    double childX = x;
    for (Node child : node.children.values()) {
      layout(child, depth + 1, width, childX, total, out);
      childX += width * child.after / total;
    }
  }

  private static void layoutDiff(Node node, double x, double scale, int depth, List<Box> out) {
    double w = node.width() * scale;
    if (w < MIN_WIDTH) {
      return;
    }
    out.add(new Box(node, depth, x, w));
    double childX = x;
    for (Node child : node.children.values()) {
      layoutDiff(child, childX, scale, depth + 1, out);
      childX += child.width() * scale;
    }
  }

  private static void box(StringBuilder g, Box b, int height, String fill, String hover) {
    double x = PAD + b.x();
    double y = height - BOTTOM - (b.depth() + 1) * FRAME_HEIGHT;
    g.append("<g><title>")
        .append(esc(hover))
        .append("</title><rect x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(y)
        .append("\" width=\"")
        .append(num(b.width()))
        .append("\" height=\"")
        .append(FRAME_HEIGHT - 1)
        .append("\" fill=\"")
        .append(fill)
        .append("\" rx=\"2\"/>");
    String label = fit(Frames.shortName(b.node().name), b.width());
    if (!label.isEmpty()) {
      g.append("<text x=\"")
          .append(num(x + 3))
          .append("\" y=\"")
          .append(y + 11.5)
          .append("\">")
          .append(esc(label))
          .append("</text>");
    }
    g.append("</g>\n");
  }

  private static String document(StringBuilder frames, int height, String title, String sub) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flame\" width=\""
        + WIDTH
        + "\" height=\""
        + height
        + "\" viewBox=\"0 0 "
        + WIDTH
        + " "
        + height
        + "\" font-family=\"Verdana,'DejaVu Sans',sans-serif\" font-size=\"11\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fbfaf6\"/>\n"
        + "<text x=\""
        + WIDTH / 2
        + "\" y=\"16\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\">"
        + esc(title)
        + "</text>\n<text x=\""
        + WIDTH / 2
        + "\" y=\"29\" text-anchor=\"middle\" fill=\"#5b6475\">"
        + esc(sub)
        + "</text>\n"
        + frames
        + "</svg>\n";
  }

  /** The label that fits in {@code width}, shortened with ".." as flamegraph.pl does. */
  static String fit(String label, double width) {
    int chars = (int) ((width - 6) / CHAR_WIDTH);
    if (chars < 3) {
      return "";
    }
    return label.length() <= chars ? label : label.substring(0, chars - 2) + "..";
  }

  /** flamegraph.pl's "hot" palette, a stable colour per name; library and JDK frames paler. */
  private static String cpuColour(String name, boolean own) {
    double v = hash(name);
    if (own) {
      return rgb(205 + 50 * v, 80 + 110 * (1 - v), 40 * v);
    }
    return rgb(225 + 25 * v, 190 + 40 * v, 110 + 40 * v);
  }

  private static String allocColour(String name) {
    double v = hash(name);
    if (name.endsWith(Profile.ALLOCATED)) {
      return rgb(120 + 50 * v, 170 + 40 * v, 230);
    }
    return rgb(80 + 50 * v, 150 + 40 * v, 200 + 40 * v);
  }

  /** White at no change, saturating to red (grew) or blue (shrank) at the largest change. */
  private static String diffColour(double change, double maxChange) {
    double t = maxChange == 0 ? 0 : Math.min(1, Math.abs(change) / maxChange);
    double fade = 255 - 200 * Math.sqrt(t);
    return change >= 0 ? rgb(255, fade, fade) : rgb(fade, fade, 255);
  }

  private static double hash(String name) {
    return (name.hashCode() & 0x7fffffff) % 1000 / 999.0;
  }

  private static String rgb(double r, double g, double b) {
    return String.format(Locale.ROOT, "rgb(%d,%d,%d)", (int) r, (int) g, (int) b);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** A frame in the merged tree: its inclusive weight in each profile. */
  static final class Node {
    final String name;
    final Map<String, Node> children = new TreeMap<>();
    long before;
    long after;
    double shareBefore;
    double shareAfter;
    private double width = -1;

    Node(String name) {
      this.name = name;
    }

    void add(List<String> frames, long w, int i) {
      after += w;
      if (i < frames.size()) {
        children.computeIfAbsent(frames.get(i), Node::new).add(frames, w, i + 1);
      }
    }

    void addBefore(List<String> frames, long w, int i) {
      before += w;
      if (i < frames.size()) {
        children.computeIfAbsent(frames.get(i), Node::new).addBefore(frames, w, i + 1);
      }
    }

    void share(double totalBefore, double totalAfter) {
      shareBefore = before / totalBefore;
      shareAfter = after / totalAfter;
      children.values().forEach(c -> c.share(totalBefore, totalAfter));
    }

    /** The larger share, or what its children need side by side if that is more. */
    double width() {
      if (width < 0) {
        double children = this.children.values().stream().mapToDouble(Node::width).sum();
        width = Math.max(Math.max(shareBefore, shareAfter), children);
      }
      return width;
    }
  }
}
