package dev.prep.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RespReader reads exactly one reply, as a value or as its bytes")
class RespReaderTest {

  private static InputStream stream(String latin1) {
    return new ByteArrayInputStream(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  @DisplayName("what RespWriter encodes, in RESP2 or RESP3, reads back to the same bytes")
  void roundTrip() throws IOException {
    Map<RespValue, RespValue> map = new LinkedHashMap<>();
    map.put(RespValue.bulk("server"), RespValue.bulk("redis"));
    map.put(RespValue.bulk("proto"), RespValue.integer(3));
    List<RespValue> values =
        List.of(
            RespValue.OK,
            RespValue.error("ERR unknown command 'FOO'"),
            RespValue.integer(-42),
            RespValue.bulk("a\r\nb\u0000\u00ff"),
            RespValue.bulk(""),
            RespValue.NULL,
            RespValue.NULL_ARRAY,
            RespValue.array(),
            RespValue.array(RespValue.bulk("x"), RespValue.array(RespValue.integer(1))),
            new RespValue.MapReply(map));
    for (RespValue v : values) {
      for (int protocol : new int[] {2, 3}) {
        byte[] bytes = v.encode(protocol);
        RespValue back = RespReader.read(new ByteArrayInputStream(bytes));
        assertThat(back.encode(protocol)).as("RESP%d of %s", protocol, v).isEqualTo(bytes);
      }
    }
    assertThat(RespReader.read(new ByteArrayInputStream(values.getLast().encode(3))))
        .as("a RESP3 map stays a map")
        .isEqualTo(values.getLast());
    assertThat(RespReader.read(new ByteArrayInputStream(values.get(3).encode())))
        .isEqualTo(values.get(3));
  }

  @Test
  @DisplayName("one reply at a time: the next one stays in the stream, byte for byte")
  void exactlyOneReply() throws IOException {
    InputStream in = stream("+PONG\r\n*2\r\n$1\r\na\r\n:1\r\n$-1\r\n");
    assertThat(new String(RespReader.readRaw(in), StandardCharsets.ISO_8859_1))
        .isEqualTo("+PONG\r\n");
    assertThat(new String(RespReader.readRaw(in), StandardCharsets.ISO_8859_1))
        .isEqualTo("*2\r\n$1\r\na\r\n:1\r\n");
    assertThat(RespReader.read(in)).isEqualTo(RespValue.NULL);
    assertThatThrownBy(() -> RespReader.read(in))
        .isInstanceOf(EOFException.class)
        .hasMessage("the connection closed before a reply");
  }

  @ParameterizedTest
  @DisplayName("a stream that ends inside a reply is an EOFException")
  @ValueSource(strings = {"+PON", "$5\r\nab", "*2\r\n:1\r\n", "%1\r\n+k\r\n"})
  void truncated(String input) {
    assertThatThrownBy(() -> RespReader.read(stream(input)))
        .isInstanceOf(EOFException.class)
        .hasMessage("the connection closed in the middle of a reply");
  }

  @Test
  @DisplayName("RESP3's other types map to the nearest value; an attribute is skipped")
  void resp3Types() throws IOException {
    assertThat(RespReader.read(stream("#t\r\n"))).isEqualTo(RespValue.integer(1));
    assertThat(RespReader.read(stream(",3.14\r\n"))).isEqualTo(RespValue.simple("3.14"));
    assertThat(RespReader.read(stream("(12345678901234567890\r\n")))
        .isEqualTo(RespValue.simple("12345678901234567890"));
    assertThat(RespReader.read(stream("!5\r\nERR x\r\n"))).isEqualTo(RespValue.error("ERR x"));
    assertThat(RespReader.read(stream("=7\r\ntxt:abc\r\n"))).isEqualTo(RespValue.bulk("txt:abc"));
    assertThat(RespReader.read(stream("~1\r\n:1\r\n")))
        .isEqualTo(RespValue.array(RespValue.integer(1)));
    assertThat(RespReader.read(stream("|1\r\n+ttl\r\n:3\r\n+OK\r\n"))).isEqualTo(RespValue.OK);
  }

  @Test
  @DisplayName("bytes that are not RESP are a ProtocolException naming what came")
  void notResp() {
    assertThatThrownBy(() -> RespReader.readRaw(stream("HTTP/1.1 400\r\n")))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("'H'");
    assertThatThrownBy(() -> RespReader.read(stream(":12a\r\n")))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("not a number: '12a'");
  }
}
