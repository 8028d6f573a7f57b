package dev.prep.runner.grade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Encodes and decodes {@link WorkerMessage}s, one JSON object per line. */
final class WireFormat {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectWriter WRITER = MAPPER.writerFor(WorkerMessage.class);
  private static final ObjectReader READER = MAPPER.readerFor(WorkerMessage.class);

  private WireFormat() {}

  static String encode(WorkerMessage message) {
    try {
      return WRITER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /** The message on this line, or null when the line is not one (stray bytes, partial line). */
  static WorkerMessage decode(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      return READER.readValue(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
