package dev.tuner.mcp;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The loop's console, which tuner optimize prints to a terminal: here each line goes to stderr (a
 * client's server log) and, while a call listens, to that call's progress as {@code [elapsed]
 * line}; a heartbeat names the stage under way when no line has come for a while, so an agent
 * waiting on a long benchmark sees it is alive.
 */
final class ProgressLines extends Writer {

  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final PrintWriter echo;
  private final Clock clock;
  private final StringBuilder line = new StringBuilder();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tuner-mcp-heartbeat");
            t.setDaemon(true);
            return t;
          });
  private Progress listener;
  private Instant since;
  private Instant lastLine;
  private String stage = "starting";
  private ScheduledFuture<?> beat;

  ProgressLines(PrintWriter echo, Clock clock) {
    this.echo = echo;
    this.clock = clock;
  }

  /** The console as the loop takes it. */
  PrintWriter writer() {
    return new PrintWriter(this, true);
  }

  /** Sends the lines to {@code progress} from now on; null stops sending. */
  synchronized void listen(Progress progress) {
    if (beat != null) {
      beat.cancel(false);
      beat = null;
    }
    listener = progress;
    since = clock.instant();
    lastLine = since;
    if (progress != null) {
      long every = HEARTBEAT.toMillis();
      beat = timer.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void write(char[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char c = buf[i];
      if (c == '\n') {
        emit(line.toString());
        line.setLength(0);
      } else if (c != '\r') {
        line.append(c);
      }
    }
  }

  private void emit(String text) {
    echo.println(text);
    echo.flush();
    if (text.isBlank()) {
      return;
    }
    stage = stageAfter(text.strip(), stage);
    lastLine = clock.instant();
    if (listener != null) {
      listener.report(elapsed() + text.strip());
    }
  }

  private synchronized void heartbeat() {
    if (listener != null && Duration.between(lastLine, clock.instant()).compareTo(HEARTBEAT) >= 0) {
      listener.report(elapsed() + "still at: " + stage);
    }
  }

  private String elapsed() {
    return String.format(
        Locale.ROOT, "[%d s] ", Duration.between(since, clock.instant()).toSeconds());
  }

  /**
   * The stage under way after a console line: the loop prints a stage's line when it ends, so the
   * next stage is the one running.
   */
  static String stageAfter(String line, String current) {
    if (line.startsWith("baseline")) {
      return "baseline (build, parity, bench)";
    }
    if (line.startsWith("committed:")) {
      return "build";
    }
    if (line.startsWith("build ")) {
      return line.endsWith("ok") ? "parity" : "recording the try";
    }
    if (line.startsWith("parity ")) {
      return line.endsWith("ok") ? "bench (A/B against the best)" : "recording the try";
    }
    if (line.startsWith("bench ")) {
      return "recording the try";
    }
    if (line.startsWith("stopped:") || line.startsWith("hold-out")) {
      return "hold-out check";
    }
    return current;
  }

  @Override
  public synchronized void flush() {
    echo.flush();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
