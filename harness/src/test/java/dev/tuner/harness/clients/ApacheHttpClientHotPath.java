package dev.tuner.harness.clients;

import dev.tuner.harness.HotPath;
import dev.tuner.harness.Upstreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * A hot path that ignores {@link Upstreams#http()}: it keeps its own Apache HttpClient 5 (classic
 * API) and takes only the base URL of each upstream, as a service built around a non-JDK client
 * would. One POST to {@code words} per word of the input, one GET to {@code catalog}.
 */
public class ApacheHttpClientHotPath implements HotPath {

  static final String TOKEN = "apache-secret-token-7f3a";

  /** Long-lived, as in production: one connection pool for every case the harness runs. */
  private final CloseableHttpClient http = HttpClients.createDefault();

  private final String ids;

  public ApacheHttpClientHotPath() {
    this("1,2");
  }

  /** Asks the catalog for other ids: a request the recording does not hold. */
  ApacheHttpClientHotPath(String ids) {
    this.ids = ids;
  }

  @Override
  public String run(Map<String, Object> input, Upstreams upstreams) throws Exception {
    List<String> counts = new ArrayList<>();
    for (String word : ((String) input.get("text")).split(" ")) {
      HttpPost post = new HttpPost(upstreams.baseUrl("words") + "/v1/count");
      post.setEntity(new StringEntity("{\"word\":\"" + word + "\"}", ContentType.APPLICATION_JSON));
      counts.add(send(post));
    }
    String items = send(new HttpGet(upstreams.baseUrl("catalog") + "/items?ids=" + ids));
    return "{\"counts\": " + counts + ", \"catalog\": " + items + "}";
  }

  private String send(HttpUriRequestBase request) throws IOException {
    request.setHeader("Authorization", "Bearer " + TOKEN);
    return http.execute(
        request,
        response -> {
          String body = EntityUtils.toString(response.getEntity());
          if (response.getCode() != 200) {
            throw new IOException(
                request.getMethod()
                    + " "
                    + request.getRequestUri()
                    + " answered "
                    + response.getCode()
                    + ": "
                    + body);
          }
          return body;
        });
  }
}
