package com.acme.pricing;

import dev.tuner.harness.HotPath;
import dev.tuner.harness.Upstreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/** The adapter a user writes after tuner init: one order file in, the quote out. */
public final class QuoterHotPath implements HotPath {

  @Override
  public String run(Map<String, Object> input, Upstreams upstreams) throws Exception {
    // The hot path's JVMs run in tuner.yaml's directory: the case's file path is used as written.
    String order = Files.readString(Path.of((String) input.get("file")));
    // Our own HTTP client, pointed at the harness's base URLs (benchmark.transport: loopback).
    try (CloseableHttpClient http = HttpClients.createDefault()) {
      return new Quoter(
              http,
              upstreams.baseUrl("rates"),
              upstreams.baseUrl("stock"),
              System.getenv().getOrDefault("ACME_TOKEN", "acme-secret-token"))
          .quote(order);
    }
  }
}
