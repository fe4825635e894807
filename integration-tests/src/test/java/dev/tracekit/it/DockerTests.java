package dev.tracekit.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a Docker engine: it runs only with
 * {@code -Dtracekit.docker-tests=true}, which scripts/test passes when the engine is usable
 * (and CI requires). Otherwise the class is skipped, with one line saying so.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerTestsCondition.class)
@interface DockerTests {}
