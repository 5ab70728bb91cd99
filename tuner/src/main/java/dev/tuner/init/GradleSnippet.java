package dev.tuner.init;

/**
 * What a Gradle project adds to its build file: the harness as a test dependency, and a task
 * writing the test class path where {@code build.classpathFile} says.
 */
final class GradleSnippet {

  private GradleSnippet() {}

  static String render(boolean kotlin, String harnessVersion) {
    String coordinates = "dev.tuner:harness:" + harnessVersion;
    if (kotlin) {
      return """
          dependencies {
              testImplementation("%s")
          }

          // Writes the test class path for tuner (build.classpathFile in tuner.yaml).
          tasks.register("tunerClasspath") {
              val classpath = sourceSets.test.get().runtimeClasspath
              val out = layout.buildDirectory.file("tuner.classpath")
              inputs.files(classpath)
              outputs.file(out)
              doLast { out.get().asFile.writeText(classpath.asPath) }
          }
          """
          .formatted(coordinates);
    }
    return """
        dependencies {
            testImplementation '%s'
        }

        // Writes the test class path for tuner (build.classpathFile in tuner.yaml).
        tasks.register('tunerClasspath') {
            def classpath = sourceSets.test.runtimeClasspath
            def out = layout.buildDirectory.file('tuner.classpath')
            inputs.files(classpath)
            outputs.file(out)
            doLast { out.get().asFile.text = classpath.asPath }
        }
        """
        .formatted(coordinates);
  }
}
