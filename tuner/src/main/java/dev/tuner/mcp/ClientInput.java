package dev.tuner.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The client's end of stdin, passed to the SDK unchanged and read alongside it, a JSON-RPC message
 * a line: its end of file is the client going away, and a {@code notifications/cancelled} for the
 * {@code evaluate} under way cancels that try. (The SDK's server answers cancellations with a log
 * line only; it does not pass them to tools.)
 */
final class ClientInput extends FilterInputStream {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CountDownLatch closed;
  private final Session session;
  private final PrintWriter console;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private JsonNode evaluateId;

  ClientInput(InputStream in, CountDownLatch closed, Session session, PrintWriter console) {
    super(in);
    this.closed = closed;
    this.session = session;
    this.console = console;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c < 0) {
      closed.countDown();
    } else {
      seen((byte) c);
    }
    return c;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      closed.countDown();
    }
    for (int i = 0; i < n; i++) {
      seen(b[off + i]);
    }
    return n;
  }

  private void seen(byte b) {
    if (b != '\n') {
      line.write(b);
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    message(text);
  }

  /** One message from the client; what is not JSON is left for the SDK to answer. */
  void message(String text) {
    JsonNode m;
    try {
      m = JSON.readTree(text);
    } catch (IOException e) {
      return;
    }
    if (m == null || !m.isObject()) {
      return;
    }
    String method = m.path("method").asText();
    JsonNode params = m.path("params");
    if (method.equals("tools/call")
        && params.path("name").asText().equals("evaluate")
        && !session.evaluating()) {
      // The one the session takes; an evaluate sent while another runs is refused.
      evaluateId = m.get("id");
    } else if (method.equals("notifications/cancelled")
        && evaluateId != null
        && evaluateId.equals(params.get("requestId"))) {
      boolean underWay = session.cancel();
      console.println(
          "tuner mcp: the client cancelled evaluate"
              + (params.hasNonNull("reason") ? " (" + params.get("reason").asText() + ")" : "")
              + (underWay
                  ? ": the try stops at the stage under way and is logged cancelled"
                  : ": no try was under way"));
      console.flush();
    }
  }
}
