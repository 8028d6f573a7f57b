package fixture;

import java.util.concurrent.CountDownLatch;

public class Greeter {
  private final Object names = new Object();
  private final Object greetings = new Object();

  public String greet(String name) {
    var helperHasGreetings = new CountDownLatch(1);
    var helper = new Thread(() -> {
      synchronized (greetings) {
        helperHasGreetings.countDown();
        synchronized (names) {
          return;
        }
      }
    }, "greeting-helper");
    synchronized (names) {
      helper.start();
      awaitQuietly(helperHasGreetings);
      synchronized (greetings) {
        return "Hello, " + name + "!";
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
