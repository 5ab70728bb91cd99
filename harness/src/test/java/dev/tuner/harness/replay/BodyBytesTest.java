package dev.tuner.harness.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BodyBytesTest {

  static final URI URL = URI.create("http://replay.invalid/words/v1/count");

  @Test
  void aGetHasNoBody() throws Exception {
    assertThat(BodyBytes.of(HttpRequest.newBuilder(URL).GET().build())).isEmpty();
  }

  @Test
  void anEmptyPublisherGivesNoBytes() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URL).POST(HttpRequest.BodyPublishers.noBody()).build();

    assertThat(BodyBytes.of(request)).isEmpty();
  }

  @Test
  void aStringBodyIsReadAsItsUtf8Bytes() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URL)
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"héllo\"}"))
            .build();

    assertThat(BodyBytes.of(request))
        .isEqualTo("{\"text\": \"héllo\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBodyInSeveralChunksIsReadWholeAndInOrder() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URL)
            .PUT(
                HttpRequest.BodyPublishers.ofByteArrays(
                    List.of(bytes("{\"a\": "), bytes("[1, 2"), bytes("]}"))))
            .build();

    assertThat(new String(BodyBytes.of(request), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\": [1, 2]}");
  }

  @Test
  void aPublisherThatFailsIsAnIoExceptionWithItsCause() {
    IllegalStateException cause = new IllegalStateException("stream closed");
    HttpRequest request = HttpRequest.newBuilder(URL).POST(new FailingPublisher(cause)).build();

    assertThatThrownBy(() -> BodyBytes.of(request))
        .isInstanceOf(IOException.class)
        .hasMessage("the request body could not be read")
        .hasCause(cause);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A body that fails after its first chunk, as a stream that breaks mid-read does. */
  private record FailingPublisher(Throwable error) implements HttpRequest.BodyPublisher {
    @Override
    public long contentLength() {
      return -1;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      subscriber.onNext(ByteBuffer.wrap(bytes("{\"partial")));
      subscriber.onError(error);
    }
  }
}
