package dev.tuner.init;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The elements of a POM with their offsets in its text, so that an edit can insert text and keep
 * every other byte (a DOM round-trip would rewrite the declaration, attributes' quotes, blank lines
 * and entities). Comments, CDATA, processing instructions and the DOCTYPE are skipped; the caller
 * has already checked that the text is well-formed XML.
 */
final class PomText {

  /**
   * One element: its path from the root ({@code project/dependencies}), the offsets of its start
   * tag's {@code <} and {@code >}, and of its end tag's {@code <} and {@code >} (for an empty
   * element {@code <x/>}, both pairs are the start tag's).
   */
  record Element(String path, int start, int startEnd, int endStart, int end) {

    boolean selfClosing() {
      return start == endStart;
    }

    String name() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  private final String text;
  private final List<Element> elements;

  private PomText(String text, List<Element> elements) {
    this.text = text;
    this.elements = elements;
  }

  static PomText scan(String text) {
    List<Element> done = new ArrayList<>();
    Deque<Element> open = new ArrayDeque<>(); // start tags not yet closed (end offsets unknown)
    int i = 0;
    while ((i = text.indexOf('<', i)) >= 0) {
      if (text.startsWith("<!--", i)) {
        i = after(text, "-->", i);
      } else if (text.startsWith("<![CDATA[", i)) {
        i = after(text, "]]>", i);
      } else if (text.startsWith("<?", i)) {
        i = after(text, "?>", i);
      } else if (text.startsWith("<!", i)) {
        i = after(text, ">", i);
      } else if (text.startsWith("</", i)) {
        int end = text.indexOf('>', i);
        Element started = open.pop();
        done.add(new Element(started.path(), started.start(), started.startEnd(), i, end));
        i = end + 1;
      } else {
        int end = tagEnd(text, i);
        int nameEnd = i + 1;
        while (nameEnd < end && "/> \t\r\n".indexOf(text.charAt(nameEnd)) < 0) {
          nameEnd++;
        }
        String name = localName(text.substring(i + 1, nameEnd));
        String path = open.isEmpty() ? name : open.peek().path() + "/" + name;
        if (text.charAt(end - 1) == '/') {
          done.add(new Element(path, i, end, i, end));
        } else {
          open.push(new Element(path, i, end, -1, -1));
        }
        i = end + 1;
      }
    }
    done.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return new PomText(text, List.copyOf(done));
  }

  String text() {
    return text;
  }

  Optional<Element> first(String path) {
    return elements.stream().filter(e -> e.path().equals(path)).findFirst();
  }

  /** The direct children of {@code parent}, in document order. */
  List<Element> children(Element parent) {
    String prefix = parent.path() + "/";
    return elements.stream()
        .filter(
            e ->
                e.start() > parent.startEnd()
                    && e.end() < parent.endStart()
                    && e.path().startsWith(prefix)
                    && e.path().indexOf('/', prefix.length()) < 0)
        .toList();
  }

  /** The text inside a simple element such as {@code <groupId>dev.tuner</groupId>}, trimmed. */
  String content(Element e) {
    return e.selfClosing() ? "" : text.substring(e.startEnd() + 1, e.endStart()).strip();
  }

  /** The first child of {@code parent} with this name, if any. */
  Optional<Element> child(Element parent, String name) {
    return children(parent).stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The whitespace before {@code offset} on its line, when only whitespace precedes it there;
   * otherwise empty.
   */
  Optional<String> indentOf(int offset) {
    int lineStart = lineStart(offset);
    String before = text.substring(lineStart, offset);
    return before.isBlank() ? Optional.of(before) : Optional.empty();
  }

  int lineStart(int offset) {
    return text.lastIndexOf('\n', offset - 1) + 1;
  }

  private static String localName(String qualified) {
    int colon = qualified.indexOf(':');
    return colon < 0 ? qualified : qualified.substring(colon + 1);
  }

  private static int after(String text, String terminator, int from) {
    int end = text.indexOf(terminator, from);
    return end < 0 ? text.length() : end + terminator.length();
  }

  /**
   * The {@code >} closing the tag that starts at {@code from}, skipping quoted attribute values.
   */
  private static int tagEnd(String text, int from) {
    char quote = 0;
    for (int i = from + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i;
      }
    }
    return text.length() - 1;
  }
}
