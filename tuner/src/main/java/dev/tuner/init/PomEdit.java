package dev.tuner.init;

import dev.tuner.error.UsageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads what init needs from a POM and adds the harness dependency to it by inserting text: six
 * lines inside the project's {@code <dependencies>} (ten with the element itself when there is
 * none), indented like their neighbours, with the file's line separator. Every other byte stays.
 */
final class PomEdit {

  static final String GROUP = "dev.tuner";
  static final String ARTIFACT = "harness";

  /** Where a new {@code <dependencies>} goes: before the first of these, in a POM's usual order. */
  private static final List<String> AFTER_DEPENDENCIES =
      List.of("repositories", "pluginRepositories", "build", "reporting", "profiles");

  private final String file;
  private final PomText pom;
  private final PomText.Element project;

  private PomEdit(String file, PomText pom, PomText.Element project) {
    this.file = file;
    this.pom = pom;
    this.project = project;
  }

  /**
   * Reads a POM; {@code file} names it in messages. Not well-formed XML is a usage error. The text
   * is scanned as ISO-8859-1, one char per byte, so that offsets are bytes and whatever the file's
   * (ASCII-compatible) encoding, the bytes around the insertion come back unchanged.
   */
  static PomEdit read(String file, byte[] bytes) throws UsageException {
    wellFormed(file, bytes);
    PomText pom = PomText.scan(new String(bytes, StandardCharsets.ISO_8859_1));
    PomText.Element project =
        pom.first("project")
            .orElseThrow(
                () -> new UsageException(file + ": not a Maven POM (no <project> element)"));
    return new PomEdit(file, pom, project);
  }

  /** The project's own artifactId (not its parent's), if it has one. */
  Optional<String> artifactId() {
    return pom.child(project, "artifactId")
        .map(pom::content)
        .filter(s -> !s.isEmpty())
        .map(s -> new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  /** The project's packaging ({@code jar} when absent). */
  String packaging() {
    return pom.child(project, "packaging").map(pom::content).orElse("jar");
  }

  /** The modules an aggregator POM lists. */
  List<String> modules() {
    return pom.child(project, "modules").stream()
        .flatMap(m -> pom.children(m).stream())
        .filter(m -> m.name().equals("module"))
        .map(pom::content)
        .toList();
  }

  /** Whether the project's dependencies (not its dependencyManagement) hold the harness. */
  boolean hasHarness() {
    return pom.child(project, "dependencies").stream()
        .flatMap(d -> pom.children(d).stream())
        .filter(d -> d.name().equals("dependency"))
        .anyMatch(
            d ->
                pom.child(d, "groupId").map(pom::content).orElse("").equals(GROUP)
                    && pom.child(d, "artifactId").map(pom::content).orElse("").equals(ARTIFACT));
  }

  /** The POM with the harness added as a test dependency. */
  byte[] withHarness(String version) {
    return insert(version).getBytes(StandardCharsets.ISO_8859_1);
  }

  private String insert(String version) {
    String text = pom.text();
    String nl = text.contains("\r\n") ? "\r\n" : "\n";
    String unit = indentUnit();
    String projectIndent = pom.indentOf(project.start()).orElse("");
    Optional<PomText.Element> dependencies = pom.child(project, "dependencies");
    String result;
    if (dependencies.isPresent()) {
      PomText.Element deps = dependencies.get();
      String depsIndent = pom.indentOf(deps.start()).orElse(projectIndent + unit);
      List<PomText.Element> children = pom.children(deps);
      String childIndent = depsIndent + unit;
      String innerUnit = unit;
      if (!children.isEmpty()) {
        PomText.Element last = children.get(children.size() - 1);
        childIndent = pom.indentOf(last.start()).orElse(childIndent);
        List<PomText.Element> grandChildren = pom.children(last);
        if (!grandChildren.isEmpty()) {
          String inner = pom.indentOf(grandChildren.get(0).start()).orElse("");
          if (inner.startsWith(childIndent) && inner.length() > childIndent.length()) {
            innerUnit = inner.substring(childIndent.length());
          }
        }
      }
      String block = dependency(childIndent, innerUnit, version, nl);
      if (deps.selfClosing()) {
        String element = "<dependencies>" + nl + block + nl + depsIndent + "</dependencies>";
        result = text.substring(0, deps.start()) + element + text.substring(deps.end() + 1);
      } else if (!children.isEmpty()) {
        int at = children.get(children.size() - 1).end() + 1;
        result = text.substring(0, at) + nl + block + text.substring(at);
      } else {
        int at = deps.startEnd() + 1;
        String inside = text.substring(at, deps.endStart());
        String tail = inside.contains("\n") ? "" : nl + depsIndent;
        result = text.substring(0, at) + nl + block + tail + text.substring(at);
      }
    } else {
      String indent = projectIndent + unit;
      String element =
          indent
              + "<dependencies>"
              + nl
              + dependency(indent + unit, unit, version, nl)
              + nl
              + indent
              + "</dependencies>";
      List<PomText.Element> children = pom.children(project);
      Optional<PomText.Element> anchor =
          children.stream().filter(c -> AFTER_DEPENDENCIES.contains(c.name())).findFirst();
      if (anchor.isPresent() && pom.indentOf(anchor.get().start()).isPresent()) {
        int lineStart = pom.lineStart(anchor.get().start());
        boolean blankBefore = blankLineBefore(text, lineStart);
        result =
            text.substring(0, lineStart)
                + element
                + nl
                + (blankBefore ? nl : "")
                + text.substring(lineStart);
      } else if (!children.isEmpty()) {
        int at = children.get(children.size() - 1).end() + 1;
        boolean blank =
            children.size() > 1
                && blankLineBefore(text, pom.lineStart(children.get(children.size() - 1).start()));
        result = text.substring(0, at) + nl + (blank ? nl : "") + element + text.substring(at);
      } else {
        int at = project.startEnd() + 1;
        result = text.substring(0, at) + nl + element + text.substring(at);
      }
    }
    return result;
  }

  /** The six lines of the dependency, without a line break after the last. */
  private static String dependency(String indent, String unit, String version, String nl) {
    String in = indent + unit;
    return String.join(
        nl,
        indent + "<dependency>",
        in + "<groupId>" + GROUP + "</groupId>",
        in + "<artifactId>" + ARTIFACT + "</artifactId>",
        in + "<version>" + version + "</version>",
        in + "<scope>test</scope>",
        indent + "</dependency>");
  }

  /** The indentation of the project's first child relative to the project: the file's unit. */
  private String indentUnit() {
    String projectIndent = pom.indentOf(project.start()).orElse("");
    return pom.children(project).stream()
        .map(c -> pom.indentOf(c.start()).orElse(""))
        .filter(i -> i.startsWith(projectIndent) && i.length() > projectIndent.length())
        .map(i -> i.substring(projectIndent.length()))
        .findFirst()
        .orElse("  ");
  }

  /** Whether the line before the line starting at {@code lineStart} is blank. */
  private static boolean blankLineBefore(String text, int lineStart) {
    if (lineStart < 1) {
      return false;
    }
    int previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    return text.substring(previousStart, lineStart).isBlank();
  }

  private static void wellFormed(String file, byte[] bytes) throws UsageException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setExpandEntityReferences(false);
      var builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
      builder.parse(new InputSource(new ByteArrayInputStream(bytes)));
    } catch (SAXParseException e) {
      throw new UsageException(
          file + ":" + e.getLineNumber() + ": not well-formed XML: " + e.getMessage());
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new UsageException(file + ": not well-formed XML: " + e.getMessage());
    }
  }

  String file() {
    return file;
  }
}
