package dev.tuner.init;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * The adapter skeleton: a {@code HotPath} that compiles, reads the case's input, gets the
 * upstreams' client and base URLs, and throws until its run method is filled in.
 */
final class AdapterTemplate {

  private AdapterTemplate() {}

  static String render(Setup s) {
    String name = s.hotPath().simpleName();
    boolean files = !s.cases().isEmpty();
    Map<String, String> vars = variables(s.upstreams());
    String first = s.upstreams().isEmpty() ? "search" : s.upstreams().get(0).name();
    String firstVar = vars.isEmpty() ? "search" : vars.values().iterator().next();
    StringBuilder j = new StringBuilder();
    j.append("package ").append(s.hotPath().packageName()).append(";\n\n");
    j.append("import dev.tuner.harness.HotPath;\n");
    j.append("import dev.tuner.harness.Upstreams;\n");
    j.append("import java.io.IOException;\n");
    j.append("import java.net.URI;\n");
    j.append("import java.net.http.HttpClient;\n");
    j.append("import java.net.http.HttpRequest;\n");
    j.append("import java.net.http.HttpResponse;\n");
    if (files) {
      j.append("import java.nio.file.Files;\n");
      j.append("import java.nio.file.Path;\n");
    }
    j.append("import java.util.Map;\n\n");
    j.append("/**\n");
    j.append(
        " * tuner's adapter around this project's hot path: one case's input from tuner.yaml in, the\n");
    j.append(
        " * output as a JSON document out. tuner runs it to record the upstreams, to check that the\n");
    j.append(
        " * output and the calls still match the recording, and to benchmark; always in a JVM whose\n");
    j.append(" * working directory is tuner.yaml's.\n");
    j.append(" *\n");
    j.append(
        " * <p>Every network call must go to {@code upstreams}: the live services while recording, a\n");
    j.append(
        " * replay of them (no network) ever after. Written by {@code tuner init}: fill in {@link #run}.\n");
    j.append(" */\n");
    j.append("public final class ").append(name).append(" implements HotPath {\n\n");
    j.append("  /** tuner makes one instance per JVM: set up here what every case shares. */\n");
    j.append("  public ").append(name).append("() {}\n\n");
    j.append("  @Override\n");
    j.append(
        "  public String run(Map<String, Object> input, Upstreams upstreams) throws Exception {\n");
    if (files) {
      j.append("    // The case's input file, a path relative to tuner.yaml's directory.\n");
      j.append("    String request = Files.readString(Path.of((String) input.get(\"file\")));\n\n");
    } else {
      j.append(
          "    // input: the case's input map from tuner.yaml (strings, numbers, booleans, lists, maps).\n\n");
    }
    j.append("    // tuner's HTTP client (the JDK's) and each upstream's base URL.\n");
    j.append("    HttpClient http = upstreams.http();\n");
    if (vars.isEmpty()) {
      j.append(
          "    // URI search = upstreams.baseUrl(\"search\"); // one per upstream in tuner.yaml\n");
    }
    vars.forEach(
        (upstream, var) ->
            j.append("    URI ")
                .append(var)
                .append(" = upstreams.baseUrl(\"")
                .append(upstream)
                .append("\");\n"));
    j.append('\n');
    j.append("    // Fill in: run the hot path on them and return its output as JSON, e.g.\n");
    j.append("    //   var service = new MyService(http, ").append(firstVar).append(");\n");
    j.append("    //   return json.writeValueAsString(service.handle(")
        .append(files ? "request" : "input.get(\"query\")")
        .append("));\n");
    j.append(
        "    // get() below shows one call through the JDK client. A project with a client of its own\n");
    j.append(
        "    // points it at the same base URL, and sets benchmark.transport: loopback in tuner.yaml:\n");
    j.append("    //   Apache HttpClient 5: client.execute(new HttpGet(")
        .append(firstVar)
        .append(" + \"/items\"), handler)\n");
    j.append("    //   OkHttp: client.newCall(new Request.Builder().url(")
        .append(firstVar)
        .append(" + \"/items\").build())\n");
    j.append("    //   Spring: RestClient.builder().baseUrl(")
        .append(firstVar)
        .append(".toString()).build()\n");
    j.append("    throw new UnsupportedOperationException(\n");
    j.append("        \"fill in: ")
        .append(name)
        .append(".run calls the hot path with the case's input\"\n");
    j.append("            + \" and returns its output as JSON\");\n");
    j.append("  }\n\n");
    j.append("  /** One GET through tuner's client, e.g. get(http, ")
        .append(firstVar)
        .append(", \"/items?id=42\") for ")
        .append(first)
        .append(". */\n");
    j.append("  static String get(HttpClient http, URI baseUrl, String pathAndQuery)\n");
    j.append("      throws IOException, InterruptedException {\n");
    j.append(
        "    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).build();\n");
    j.append(
        "    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());\n");
    j.append("    if (response.statusCode() / 100 != 2) {\n");
    j.append(
        "      throw new IOException(\"GET \" + request.uri() + \": HTTP \" + response.statusCode());\n");
    j.append("    }\n");
    j.append("    return response.body();\n");
    j.append("  }\n");
    j.append("}\n");
    return j.toString();
  }

  /**
   * A Java variable per upstream: {@code search-v2} → {@code searchV2}, unique, never a keyword.
   */
  static Map<String, String> variables(List<UpstreamArg> upstreams) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (UpstreamArg u : upstreams) {
      StringBuilder v = new StringBuilder();
      boolean upper = false;
      for (char c : u.name().toCharArray()) {
        if (Character.isLetterOrDigit(c)) {
          v.append(
              upper ? Character.toUpperCase(c) : v.length() == 0 ? Character.toLowerCase(c) : c);
          upper = false;
        } else {
          upper = v.length() > 0;
        }
      }
      String base =
          v.length() == 0 || !Character.isJavaIdentifierStart(v.charAt(0)) ? "u" + v : v.toString();
      if (SourceVersion.isKeyword(base)
          || base.equals("http")
          || base.equals("input")
          || base.equals("upstreams")
          || base.equals("request")) {
        base = base + "Url";
      }
      String var = base;
      for (int i = 2; vars.containsValue(var); i++) {
        var = base + i;
      }
      vars.put(u.name(), var);
    }
    return vars;
  }
}
