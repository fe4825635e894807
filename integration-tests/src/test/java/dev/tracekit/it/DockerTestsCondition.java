package dev.tracekit.it;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables {@link DockerTests} classes only when the system property {@code tracekit.docker-tests}
 * is {@code true}. Deciding by a property rather than by probing Docker here is deliberate: where
 * Docker is expected (CI), scripts/test has checked the engine and fails when it is unusable, and
 * afterwards checks that these tests really ran; a probe would turn a broken engine into a skip.
 */
final class DockerTestsCondition implements ExecutionCondition {

  static final String PROPERTY = "tracekit.docker-tests";

  private static final AtomicBoolean announced = new AtomicBoolean();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Boolean.parseBoolean(System.getProperty(PROPERTY))) {
      return ConditionEvaluationResult.enabled(PROPERTY + "=true");
    }
    String reason = "Docker tests skipped: " + PROPERTY + " is not true (scripts/test sets it when the Docker engine is usable)";
    if (announced.compareAndSet(false, true)) {
      System.out.println(reason);
    }
    return ConditionEvaluationResult.disabled(reason);
  }
}
