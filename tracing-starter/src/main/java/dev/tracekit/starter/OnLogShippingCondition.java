package dev.tracekit.starter;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** See {@link ConditionalOnLogShipping}. */
final class OnLogShippingCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment environment = context.getEnvironment();
    Boolean ship = environment.getProperty("tracekit.logging.ship", Boolean.class);
    if (ship != null) {
      return ship
          ? ConditionOutcome.match("tracekit.logging.ship is true")
          : ConditionOutcome.noMatch("tracekit.logging.ship is false");
    }
    boolean exporter = environment.getProperty("tracekit.exporter.enabled", Boolean.class, true);
    return exporter
        ? ConditionOutcome.match("tracekit.logging.ship is unset and the exporter is enabled")
        : ConditionOutcome.noMatch("tracekit.logging.ship is unset and the exporter is disabled");
  }
}
