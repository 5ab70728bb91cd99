package dev.tuner.init;

import java.util.ArrayList;
import java.util.List;

/** The commented {@code tuner.yaml} init writes (schema: docs/reference/tuner-yaml.md). */
final class SpecTemplate {

  private static final int WIDTH = 100;

  private SpecTemplate() {}

  static String render(Setup s) {
    StringBuilder y = new StringBuilder();
    y.append(
        "# What tuner tunes and how. Schema: docs/reference/tuner-yaml.md in tuner's repository.\n");
    y.append("name: ").append(Yaml.scalar(s.name())).append('\n');
    objective(y, s.objective());
    y.append('\n');
    y.append(
        "# The code under test: a class implementing dev.tuner.harness.HotPath, with a no-arg\n");
    y.append("# constructor (tuner init wrote a skeleton: fill in its run method).\n");
    y.append("target:\n");
    y.append("  hotPath: ").append(s.hotPath().fqcn()).append('\n');
    y.append('\n');
    build(y, s);
    y.append('\n');
    upstreams(y, s);
    y.append('\n');
    y.append("metric:\n");
    y.append("  primary: p95\n");
    y.append("  direction: lower\n");
    y.append("  threshold: 0.01           # the smallest change worth keeping: 1%\n");
    y.append('\n');
    y.append(
        "# What a proposal may change; frozen wins. fixtures/, goldens/ and this file are always\n");
    y.append("# frozen.\n");
    y.append("scope:\n");
    y.append("  include:\n");
    s.scope().forEach(glob -> y.append("    - ").append(Yaml.scalar(glob)).append('\n'));
    y.append("  frozen:\n");
    frozen(s).forEach(glob -> y.append("    - ").append(Yaml.scalar(glob)).append('\n'));
    y.append('\n');
    cases(y, s);
    y.append('\n');
    y.append(
        "# A hot path that calls its upstreams with a client of its own (Apache HttpClient, OkHttp,\n");
    y.append("# Spring RestClient) rather than upstreams.http() needs replay on 127.0.0.1:\n");
    y.append("# benchmark:\n");
    y.append("#   transport: loopback\n");
    return y.toString();
  }

  private static void objective(StringBuilder y, String objective) {
    if (!objective.matches("\\S+( \\S+)*")) { // folding would change other whitespace
      y.append("objective: ").append(Yaml.quoted(objective)).append('\n');
      return;
    }
    // A folded block: lines joined with spaces when read, so it wraps freely.
    y.append("objective: >\n");
    StringBuilder line = new StringBuilder("  ");
    for (String word : objective.split(" ")) {
      if (line.length() > 2 && line.length() + 1 + word.length() > WIDTH) {
        y.append(line).append('\n');
        line = new StringBuilder("  ");
      }
      if (line.length() > 2) {
        line.append(' ');
      }
      line.append(word);
    }
    y.append(line).append('\n');
  }

  private static void build(StringBuilder y, Setup s) {
    if (s.maven() && s.module().isEmpty()) {
      y.append(
          "# No build section needed: tuner compiles with `mvn -B -q -o test-compile` and reads the\n");
      y.append("# class path from Maven. Optional keys (docs/reference/tuner-yaml.md#builds):\n");
      y.append("# build:\n");
      y.append(
          "#   module: service                       # the Maven module holding the hot path\n");
      y.append(
          "#   command: ./build-for-tuner            # a build of your own, which writes the class\n");
      y.append("#   classpathFile: target/tuner.classpath #   path to this file,\n");
      y.append("#   artifact: target/app-all.jar          #   or builds this uber-jar instead\n");
    } else if (s.maven()) {
      y.append(
          "# tuner compiles with `mvn -B -q -o test-compile` and reads the class path from Maven, for\n");
      y.append(
          "# this module. Other keys (docs/reference/tuner-yaml.md#builds): command + classpathFile, a\n");
      y.append(
          "# build of your own that writes the class path to a file; command + artifact, an uber-jar.\n");
      y.append("build:\n");
      y.append("  module: ").append(Yaml.scalar(s.module())).append('\n');
    } else {
      y.append(
          "# Gradle compiles the tests and writes their class path to classpathFile, with the\n");
      y.append("# tunerClasspath task that tuner init printed (add it to ")
          .append(s.gradleBuildFile())
          .append(").\n");
      y.append("build:\n");
      y.append("  command: ").append(Yaml.quoted(s.gradleCommand())).append('\n');
      y.append("  classpathFile: ").append(Yaml.scalar(s.classpathFile())).append('\n');
    }
  }

  private static void upstreams(StringBuilder y, Setup s) {
    y.append(
        "# The live services the hot path calls: `tuner record` records their answers, and every later\n");
    y.append("# run replays them with no network.\n");
    y.append("upstreams:\n");
    if (s.upstreams().isEmpty()) {
      y.append("  # search: {url: \"http://127.0.0.1:8080/search\"}    # at least one\n");
    }
    for (UpstreamArg u : s.upstreams()) {
      y.append("  ")
          .append(u.name())
          .append(": {url: ")
          .append(Yaml.quoted(u.url().toString()))
          .append("}\n");
    }
    y.append('\n');
    y.append("# Call contracts per upstream: exact (default), no-increase or free.\n");
    y.append("contracts:\n");
    if (s.upstreams().isEmpty()) {
      y.append("  # search: exact\n");
    }
    for (UpstreamArg u : s.upstreams()) {
      y.append("  ").append(u.name()).append(": exact\n");
    }
  }

  private static List<String> frozen(Setup s) {
    List<String> frozen = new ArrayList<>();
    frozen.add(s.prefix() + "src/test/**");
    if (s.maven()) {
      frozen.add("**/pom.xml");
      frozen.add("pom.xml");
    } else {
      frozen.add("**/*.gradle*");
      frozen.add("*.gradle*");
      frozen.add("gradle/**");
    }
    return frozen;
  }

  private static void cases(StringBuilder y, Setup s) {
    if (s.cases().isEmpty()) {
      y.append(
          "# The inputs to replay, one case each: input is the map HotPath.run receives. Replace this\n");
      y.append("# one with real inputs; a case with split: holdout is never tuned against.\n");
      y.append("cases:\n");
      y.append("  - id: first\n");
      y.append("    input: {}\n");
      return;
    }
    y.append("# One case per file matching ")
        .append(s.casesGlob())
        .append("; the adapter reads input.file, a path relative\n");
    y.append("# to this file's directory.\n");
    y.append("cases:\n");
    for (CaseFiles.Case c : s.cases()) {
      y.append("  - id: ").append(Yaml.scalar(c.id())).append('\n');
      if (c.holdout()) {
        y.append(
            "    split: holdout          # never tuned against; checked at the end of optimize\n");
      }
      y.append("    input: {file: ").append(Yaml.scalar(c.file())).append("}\n");
    }
  }
}
