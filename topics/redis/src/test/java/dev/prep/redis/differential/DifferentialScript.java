package dev.prep.redis.differential;

import dev.prep.redis.resp.RespProtocolException;
import dev.prep.redis.resp.RespValue;
import dev.prep.redis.server.RespRequestDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One differential script ({@code src/test/resources/differential/*.txt}): cases of requests whose
 * replies two servers must agree on. The format, as each file's header explains it:
 *
 * <pre>
 * # a comment (a whole line); blank lines are ignored
 * &#64;requirepass secret   (before the first case) both servers run with this password
 * === title            a new case, on a fresh connection (steps before the first === are a
 *                      case of their own)
 * SET k "a b"          a command in redis-cli quoting, sent as one multibulk request: one reply
 * ~ TTL k              the same, but only the reply's type is compared (for values that vary)
 * raw N: bytes         bytes sent as they are, bringing N replies; escapes \r \n \t \\ \xHH,
 *                      and {70000*a} for 70,000 a's ({2*{3*a}\n} nests)
 * =&gt; open|closed|waits  the connection's state after the case (default open): open answers
 *                      PING, closed was closed by the server, waits sends nothing for 300 ms
 * </pre>
 */
record DifferentialScript(String name, String requirepass, List<Case> cases) {

  /** What a connection must look like after a case. */
  enum State {
    OPEN,
    CLOSED,
    WAITS
  }

  /** One case: steps on one connection, then its state. */
  record Case(String title, int line, List<Step> steps, State state) {}

  /**
   * Bytes to send and how many replies they bring.
   *
   * @param typeOnly compare only the first byte of each reply (its RESP type)
   */
  record Step(int line, String source, byte[] bytes, int replies, boolean typeOnly) {}

  static DifferentialScript load(Path file) throws IOException {
    String name = file.getFileName().toString();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String requirepass = null;
    List<Case> cases = new ArrayList<>();
    String title = null;
    int titleLine = 0;
    List<Step> steps = new ArrayList<>();
    State state = State.OPEN;
    for (int i = 0; i < lines.size(); i++) {
      int n = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (title == null && !line.startsWith("===") && !line.startsWith("@")) {
        title = "lines " + n + " on, on one connection"; // a script without === is one case
        titleLine = n;
      }
      try {
        if (line.startsWith("===")) {
          if (title != null) cases.add(new Case(title, titleLine, steps, state));
          title = line.substring(3).strip();
          titleLine = n;
          steps = new ArrayList<>();
          state = State.OPEN;
        } else if (line.startsWith("@requirepass ") && title == null) {
          requirepass = line.substring("@requirepass ".length()).strip();
        } else if (line.startsWith("=>")) {
          state = State.valueOf(line.substring(2).strip().toUpperCase(java.util.Locale.ROOT));
        } else if (line.startsWith("raw ")) {
          int colon = line.indexOf(':');
          int replies = Integer.parseInt(line.substring(4, colon).strip());
          steps.add(new Step(n, line, unescape(line.substring(colon + 1).strip()), replies, false));
        } else {
          boolean typeOnly = line.startsWith("~ ");
          String command = typeOnly ? line.substring(2) : line;
          byte[] bytes = RespValue.bulkArray(RespRequestDecoder.splitArgs(command)).encode();
          steps.add(new Step(n, line, bytes, 1, typeOnly));
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException | RespProtocolException e) {
        throw new IllegalArgumentException(
            name + ":" + n + ": " + e.getMessage() + " in: " + line + " (see the file's header)",
            e);
      }
    }
    if (title != null) cases.add(new Case(title, titleLine, steps, state));
    return new DifferentialScript(name, requirepass, List.copyOf(cases));
  }

  /** {@code \r \n \t \\ \xHH} and {@code {N*bytes}} (nesting) to bytes; the rest as Latin-1. */
  static byte[] unescape(String s) {
    var out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        int star = s.indexOf('*', i);
        int close = star;
        for (int depth = 1; depth > 0; ) { // the matching brace: repeats may nest
          close++;
          if (s.charAt(close) == '{') depth++;
          else if (s.charAt(close) == '}') depth--;
        }
        int count = Integer.parseInt(s.substring(i + 1, star));
        byte[] unit = unescape(s.substring(star + 1, close));
        for (int k = 0; k < count; k++) out.writeBytes(unit);
        i = close;
      } else if (c == '\\') {
        char e = s.charAt(++i);
        switch (e) {
          case 'r' -> out.write('\r');
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          case '\\' -> out.write('\\');
          case 'x' -> {
            out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
            i += 2;
          }
          default -> throw new IllegalArgumentException("unknown escape \\" + e);
        }
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}
