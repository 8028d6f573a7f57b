package dev.prep.redis.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("GlobPattern matches as Redis's stringmatchlen does (util.c)")
class GlobPatternTest {

  @ParameterizedTest(name = "\"{0}\" ~ \"{1}\": {2}")
  @DisplayName("*, ?, sets, ranges, negation and escapes")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          *          | anything   | true
          *          | ""         | true
          user:*     | user:42    | true
          user:*     | order:42   | false
          *:42       | user:42    | true
          h?llo      | hello      | true
          h?llo      | hllo       | false
          h*llo      | heeeello   | true
          h[ae]llo   | hallo      | true
          h[ae]llo   | hillo      | false
          h[^e]llo   | hallo      | true
          h[^e]llo   | hello      | false
          h[a-b]llo  | hbllo      | true
          h[b-a]llo  | hallo      | true
          h[a-b]llo  | hcllo      | false
          h\\*llo    | h*llo      | true
          h\\*llo    | hello      | false
          a*b*c      | aXXbYYc    | true
          a*b*c      | aXXbYY     | false
          **         | x          | true
          [abc       | b          | true
          ""         | ""         | true
          ""         | a          | false
          """)
  void matches(String pattern, String text, boolean expected) {
    assertThat(GlobPattern.matches(pattern, text, false)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" ~ \"{1}\" ignoring case")
  @DisplayName("CONFIG GET matches without case")
  @CsvSource({"MAXMEMORY*, maxmemory-policy", "Save, save", "[S]ave, save"})
  void noCase(String pattern, String text) {
    assertThat(GlobPattern.matches(pattern, text, true)).isTrue();
    assertThat(GlobPattern.matches(pattern, text, false)).isFalse();
  }
}
