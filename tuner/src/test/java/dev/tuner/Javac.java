package dev.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The JDK's compiler, in process, for sources tests write. */
public final class Javac {

  private Javac() {}

  /**
   * Compiles {@code source} against {@code classpath} into {@code out}, with {@code options}
   * besides; fails the test when it does not compile, else returns javac's diagnostics (empty when
   * it compiled cleanly).
   */
  public static String compile(Path source, String classpath, Path out, String... options) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(List.of("-classpath", classpath, "-d", out.toString()));
    StringWriter diagnostics = new StringWriter();
    boolean ok =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                all,
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(source))
            .call();
    assertThat(ok).as("javac: %s", diagnostics).isTrue();
    return diagnostics.toString();
  }
}
