package dev.tracekit.starter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when logs are shipped: {@code tracekit.logging.ship=true}, or unset while the
 * exporter is enabled ({@code tracekit.exporter.enabled}, default true).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnLogShippingCondition.class)
public @interface ConditionalOnLogShipping {}
