package dev.tuner.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.error.UsageException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The POM edit: text inserted where Maven reads it, every other byte kept. */
class PomEditTest {

  private static final String DEP =
      String.join(
          "\n",
          "<dependency>",
          "  <groupId>dev.tuner</groupId>",
          "  <artifactId>harness</artifactId>",
          "  <version>1.0.0</version>",
          "  <scope>test</scope>",
          "</dependency>");

  @Test
  void withoutDependenciesTheElementGoesBeforeTheBuildWithTheFilesBlankLine() throws Exception {
    String pom =
        """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <artifactId>a</artifactId>

          <build>
            <!-- <dependencies> in a comment is not an element -->
          </build>
        </project>
        """;
    String edited = edit(pom);
    assertThat(edited)
        .isEqualTo(
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <artifactId>a</artifactId>

              <dependencies>
            %s
              </dependencies>

              <build>
                <!-- <dependencies> in a comment is not an element -->
              </build>
            </project>
            """
                .formatted(DEP.indent(4).stripTrailing()));
    assertHarnessIsAProjectDependency(edited);
  }

  @Test
  void withoutDependenciesOrBuildTheElementGoesAfterTheLastChild() throws Exception {
    String pom =
        "<project>\n\t<modelVersion>4.0.0</modelVersion>\n\t<artifactId>a</artifactId>\n</project>\n";
    String edited = edit(pom);
    assertThat(edited)
        .isEqualTo(
            "<project>\n\t<modelVersion>4.0.0</modelVersion>\n\t<artifactId>a</artifactId>\n"
                + "\t<dependencies>\n"
                + "\t\t<dependency>\n"
                + "\t\t\t<groupId>dev.tuner</groupId>\n"
                + "\t\t\t<artifactId>harness</artifactId>\n"
                + "\t\t\t<version>1.0.0</version>\n"
                + "\t\t\t<scope>test</scope>\n"
                + "\t\t</dependency>\n"
                + "\t</dependencies>\n"
                + "</project>\n");
    assertHarnessIsAProjectDependency(edited);
  }

  @Test
  void onlyTheProjectsDependenciesCountNotManagedOnes() throws Exception {
    String pom =
        """
        <project>
          <artifactId>a</artifactId>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>dev.tuner</groupId>
                <artifactId>harness</artifactId>
                <version>1.0.0</version>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
          </dependencies>
        </project>
        """;
    PomEdit read = PomEdit.read("pom.xml", pom.getBytes(StandardCharsets.UTF_8));
    assertThat(read.hasHarness()).isFalse();
    String edited = edit(pom);
    assertThat(edited)
        .isEqualTo(
            pom.replace(
                "  <dependencies>\n  </dependencies>",
                "  <dependencies>\n" + DEP.indent(4).stripTrailing() + "\n  </dependencies>"));
    assertHarnessIsAProjectDependency(edited);
    assertThat(PomEdit.read("pom.xml", edited.getBytes(StandardCharsets.UTF_8)).hasHarness())
        .isTrue();
  }

  @Test
  void emptyDependenciesOnOneLineAndSelfClosingOnesOpenUp() throws Exception {
    String oneLine =
        "<project>\n  <artifactId>a</artifactId>\n  <dependencies></dependencies>\n</project>\n";
    String expected =
        "<project>\n  <artifactId>a</artifactId>\n  <dependencies>\n"
            + DEP.indent(4).stripTrailing()
            + "\n  </dependencies>\n</project>\n";
    assertThat(edit(oneLine)).isEqualTo(expected);
    assertThat(edit(oneLine.replace("<dependencies></dependencies>", "<dependencies/>")))
        .isEqualTo(expected);
  }

  @Test
  void windowsLineEndingsAndALatin1EncodingSurvive() throws Exception {
    String pom =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<project>\r\n"
            + "    <name>caf\u00e9</name>\r\n"
            + "    <dependencies>\r\n"
            + "        <dependency><groupId>x</groupId><artifactId>y</artifactId></dependency>\r\n"
            + "    </dependencies>\r\n</project>\r\n";
    byte[] bytes = pom.getBytes(StandardCharsets.ISO_8859_1);
    byte[] edited = PomEdit.read("pom.xml", bytes).withHarness("1.0.0");
    String text = new String(edited, StandardCharsets.ISO_8859_1);
    assertThat(text)
        .isEqualTo(
            pom.replace(
                "</dependency>\r\n    </dependencies>",
                "</dependency>\r\n"
                    + "        <dependency>\r\n"
                    + "            <groupId>dev.tuner</groupId>\r\n"
                    + "            <artifactId>harness</artifactId>\r\n"
                    + "            <version>1.0.0</version>\r\n"
                    + "            <scope>test</scope>\r\n"
                    + "        </dependency>\r\n"
                    + "    </dependencies>"));
    assertHarnessIsAProjectDependency(text);
  }

  @Test
  void notWellFormedXmlIsAUsageErrorWithItsLine() {
    assertThatThrownBy(
            () ->
                PomEdit.read(
                    "service/pom.xml",
                    "<project>\n  <dependencies>\n</project>\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("service/pom.xml:3: not well-formed XML");
    assertThatThrownBy(
            () -> PomEdit.read("pom.xml", "<settings/>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UsageException.class)
        .hasMessage("pom.xml: not a Maven POM (no <project> element)");
  }

  @Test
  void readsTheProjectsOwnArtifactIdPackagingAndModules() throws Exception {
    PomEdit pom =
        PomEdit.read(
            "pom.xml",
            ("<project><parent><artifactId>p</artifactId></parent><artifactId>a</artifactId>"
                    + "<packaging>pom</packaging><modules><module>x</module><module>y/z</module>"
                    + "</modules></project>")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(pom.artifactId()).contains("a");
    assertThat(pom.packaging()).isEqualTo("pom");
    assertThat(pom.modules()).containsExactly("x", "y/z");
  }

  private static String edit(String pom) throws UsageException {
    return new String(
        PomEdit.read("pom.xml", pom.getBytes(StandardCharsets.UTF_8)).withHarness("1.0.0"),
        StandardCharsets.UTF_8);
  }

  /** Maven's view: the harness is a test-scoped dependency of the project itself. */
  private static void assertHarnessIsAProjectDependency(String pom) throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(pom.getBytes(StandardCharsets.ISO_8859_1)));
    Object scope =
        XPathFactory.newInstance()
            .newXPath()
            .evaluate(
                "/project/dependencies/dependency[groupId='dev.tuner' and artifactId='harness']/scope",
                doc,
                XPathConstants.STRING);
    assertThat(scope).isEqualTo("test");
  }
}
