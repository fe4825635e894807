package dev.tracekit.core.export;

/** Waits between retries; tests replace it to observe the delays instead of waiting them out. */
@FunctionalInterface
interface Sleeper {

  Sleeper THREAD = millis -> {
    if (millis > 0) {
      Thread.sleep(millis);
    }
  };

  void sleep(long millis) throws InterruptedException;
}
