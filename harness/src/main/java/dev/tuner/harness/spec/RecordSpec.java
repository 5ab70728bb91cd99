package dev.tuner.harness.spec;

import java.util.List;

/**
 * What recording keeps out of fixtures. The defaults cover credentials and volatile headers; a
 * spec's lists add to them, never replace them, so a secret cannot be let through by omission.
 *
 * @param secretHeaders request or response headers never written (matched case-insensitively)
 * @param secretQueryParams query parameters whose values are never written
 * @param volatileHeaders response headers dropped because they change on every call
 */
public record RecordSpec(
    List<String> secretHeaders, List<String> secretQueryParams, List<String> volatileHeaders) {

  public static final List<String> DEFAULT_SECRET_HEADERS =
      List.of(
          "authorization",
          "proxy-authorization",
          "cookie",
          "set-cookie",
          "x-api-key",
          "api-key",
          "x-auth-token");
  public static final List<String> DEFAULT_SECRET_QUERY_PARAMS =
      List.of(
          "api_key",
          "apikey",
          "api-key",
          "key",
          "token",
          "access_token",
          "auth",
          "signature",
          "sig");
  public static final List<String> DEFAULT_VOLATILE_HEADERS =
      List.of(
          "date",
          "server",
          "set-cookie",
          "x-request-id",
          "x-trace-id",
          "traceparent",
          "tracestate",
          "x-amzn-trace-id",
          "x-b3-traceid",
          "x-b3-spanid",
          "etag",
          "last-modified",
          "age",
          "expires",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "vary",
          "matched-stub-id");

  public static final RecordSpec DEFAULTS = new RecordSpec(List.of(), List.of(), List.of());

  public RecordSpec {
    secretHeaders = union(DEFAULT_SECRET_HEADERS, secretHeaders);
    secretQueryParams = union(DEFAULT_SECRET_QUERY_PARAMS, secretQueryParams);
    volatileHeaders = union(DEFAULT_VOLATILE_HEADERS, volatileHeaders);
  }

  private static List<String> union(List<String> defaults, List<String> extra) {
    if (extra == null) {
      return defaults;
    }
    return java.util.stream.Stream.concat(
            defaults.stream(), extra.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)))
        .distinct()
        .toList();
  }
}
