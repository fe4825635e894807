package dev.tracekit.it;

import dev.tracekit.testcontainers.CollectorClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link FullStackScenarios} with the collector and the three services in this JVM (no Docker). */
class InProcessFullStackTest extends FullStackScenarios {

  private static InProcessStack stack;

  @BeforeAll
  static void start() {
    stack = InProcessStack.start();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Override
  GatewayClient gateway() {
    return stack.gateway();
  }

  @Override
  CollectorClient collector() {
    return stack.collector();
  }
}
