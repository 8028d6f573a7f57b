package fixture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GreeterTest {

  @Test
  @Tag("task:1")
  @DisplayName("greets a person by name")
  void greetsByName() {
    assertThat(new Greeter().greet("Ada")).isEqualTo("Hello, Ada!");
  }

  @Test
  @Tag("task:2")
  @DisplayName("greets the world when the name is blank")
  void greetsTheWorld() {
    assertThat(new Greeter().greet(" ")).isEqualTo("Hello, World!");
  }

  @ParameterizedTest(name = "{0}")
  @Tag("task:2")
  @DisplayName("greets anyone")
  @CsvSource({"Grace, 'Hello, Grace!'", "Linus, 'Hello, Linus!'"})
  void greetsAnyone(String name, String greeting) {
    assertThat(new Greeter().greet(name)).isEqualTo(greeting);
  }
}
