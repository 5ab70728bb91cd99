package dev.tuner.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only JSONL experiment log. Each record is one line written with a single append and
 * forced to disk, so a killed process leaves whole lines (at worst one unterminated tail, which the
 * next append closes and readers report and skip, with its line number).
 */
public final class ExperimentLog {

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path file;

  public ExperimentLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** A record as the log writes it: one line of JSON. */
  public static String toLine(LogRecord record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record always serialises", e);
    }
  }

  public void append(LogRecord record) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] line = (toLine(record) + "\n").getBytes(StandardCharsets.UTF_8);
    boolean unterminated = unterminated();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ByteBuffer out = ByteBuffer.wrap(line);
      if (unterminated) {
        // A previous writer died mid-line: end that line so this record stands on its own.
        out = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
      }
      while (out.hasRemaining()) {
        channel.write(out);
      }
      channel.force(true);
    }
  }

  /** Whether the file ends inside a line, as a writer killed mid-append leaves it. */
  private boolean unterminated() throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, channel.size() - 1);
      return last.get(0) != '\n';
    }
  }

  /**
   * The records that parse, in order; each damaged line is reported to {@code warnings} and
   * skipped.
   */
  public List<LogRecord> read(PrintWriter warnings) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(JSON.readValue(line, LogRecord.class));
      } catch (JsonProcessingException e) {
        warnings.println(
            file + ":" + (i + 1) + ": damaged record skipped (" + e.getOriginalMessage() + ")");
      }
    }
    warnings.flush();
    return records;
  }
}
