package fixture;

public class Greeter {
  public String greet(String name) {
    Thread refresher = new Thread(Greeter::refreshForever, "greeting-cache-refresher");
    refresher.start();
    return "Hello, " + (name.isBlank() ? "World" : name) + "!";
  }

  private static void refreshForever() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
