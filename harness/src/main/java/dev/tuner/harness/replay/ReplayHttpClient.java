package dev.tuner.harness.replay;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link HttpClient} that never touches the network: it answers from a case's fixtures through
 * each upstream's {@link StubIndex}. Upstream {@code X} lives at {@code http://replay.invalid/X}; a
 * request it cannot answer fails with an IOException and is recorded in the ledger, so the case
 * fails even if the hot path swallows the exception.
 */
final class ReplayHttpClient extends HttpClient {

  static final String HOST = "replay.invalid";

  private final Map<String, StubIndex> indexes;
  private final CallLedger ledger;

  ReplayHttpClient(Map<String, StubIndex> indexes, CallLedger ledger) {
    this.indexes = Map.copyOf(indexes);
    this.ledger = ledger;
  }

  static URI baseUrl(String upstream) {
    return URI.create("http://" + HOST + "/" + upstream);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    URI uri = request.uri();
    // http://host has an empty path, not a null one; both mean the root.
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    int slash = path.indexOf('/', 1);
    String upstream = slash < 0 ? path.substring(1) : path.substring(1, slash);
    StubIndex index = HOST.equals(uri.getHost()) ? indexes.get(upstream) : null;
    if (index == null) {
      String problem = "request outside the declared upstreams: " + request.method() + " " + uri;
      ledger.miss("(unknown)", problem);
      throw new IOException("tuner replay: " + problem);
    }
    String rest = slash < 0 ? "/" : path.substring(slash);
    String pathAndQuery = uri.getRawQuery() == null ? rest : rest + "?" + uri.getRawQuery();
    RequestSnapshot snapshot =
        new RequestSnapshot(
            request.method(), pathAndQuery, request.headers().map(), BodyBytes.of(request));
    StubIndex.Answer answer = index.answer(snapshot, ledger);
    if (answer.stub() == null) {
      throw new IOException("tuner replay: " + answer.problem());
    }
    var response = answer.stub().mapping().getResponse();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (response.getHeaders() != null) {
      response.getHeaders().all().forEach(h -> headers.put(h.key(), h.values()));
    }
    return new Response<>(
        request,
        response.getStatus(),
        HttpHeaders.of(headers, (k, v) -> true),
        deliver(
            handler,
            response.getStatus(),
            HttpHeaders.of(headers, (k, v) -> true),
            answer.stub().body()));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return CompletableFuture.completedFuture(send(request, handler));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return sendAsync(request, handler);
  }

  private static <T> T deliver(
      HttpResponse.BodyHandler<T> handler, int status, HttpHeaders headers, byte[] body)
      throws IOException {
    HttpResponse.ResponseInfo info =
        new HttpResponse.ResponseInfo() {
          @Override
          public int statusCode() {
            return status;
          }

          @Override
          public HttpHeaders headers() {
            return headers;
          }

          @Override
          public Version version() {
            return Version.HTTP_1_1;
          }
        };
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
    subscriber.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
    subscriber.onNext(List.of(ByteBuffer.wrap(body)));
    subscriber.onComplete();
    try {
      return subscriber.getBody().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while delivering a replayed body", e);
    } catch (ExecutionException e) {
      throw new IOException("the body handler failed on a replayed body", e.getCause());
    }
  }

  private record Response<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body)
      implements HttpResponse<T> {
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    return null;
  }

  @Override
  public SSLParameters sslParameters() {
    return new SSLParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }
}
