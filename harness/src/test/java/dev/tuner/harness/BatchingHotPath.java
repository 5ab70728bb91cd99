package dev.tuner.harness;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hot path with a knob that changes its calls: it fetches catalog items 1..6 in batches of {@link
 * #batchSize}, so a batch size of 2 makes three calls and 3 makes two, with the same output. {@link
 * #outputSalt} makes the output differ, as a knob that is not output-neutral would. Tests set both
 * before recording or replaying.
 */
public final class BatchingHotPath implements HotPath {

  public static volatile int batchSize = 2;
  public static volatile String outputSalt = "";

  @Override
  public String run(Map<String, Object> input, Upstreams upstreams) throws Exception {
    int fetched = 0;
    for (int first = 1; first <= 6; first += batchSize) {
      List<String> ids = new ArrayList<>();
      for (int id = first; id < first + batchSize && id <= 6; id++) {
        ids.add(Integer.toString(id));
      }
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      upstreams.baseUrl("catalog")
                          + "/items?ids="
                          + String.join(",", ids)
                          + "&api_key="
                          + SampleHotPath.TOKEN))
              .GET()
              .build();
      HttpResponse<String> response =
          upstreams.http().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
      }
      fetched += ids.size();
    }
    return "{\"text\": \"" + input.get("text") + outputSalt + "\", \"items\": " + fetched + "}";
  }
}
