package dev.tracekit.starter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import dev.tracekit.core.TraceKit;
import dev.tracekit.starter.TraceKitAutoConfiguration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TraceKitLoggingAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(TraceKitAutoConfiguration.class, TraceKitLoggingAutoConfiguration.class))
          .withPropertyValues("tracekit.exporter.endpoint=http://127.0.0.1:1");

  @Test
  void shouldSupplyBeans() {
    runner.run(context -> assertThat(context).hasSingleBean(LogShipping.class));
  }

  @Test
  void appenderIsAttachedWhileTheContextRunsAndDetachedAfter() {
    runner.run(context -> assertThat(shippingAppenders()).hasSize(1));
    assertThat(shippingAppenders()).isEmpty();
  }

  @Test
  void shouldBackOffOnCustomBeans() {
    runner
        .withUserConfiguration(CustomShipping.class)
        .run(context -> assertThat(context).getBean(LogShipping.class).isSameAs(context.getBean("customShipping")));
  }

  @Test
  void disabledByProperty() {
    runner.withPropertyValues("tracekit.enabled=false").run(context -> assertThat(context).doesNotHaveBean(LogShipping.class));
    runner
        .withPropertyValues("tracekit.logging.ship=false")
        .run(context -> assertThat(context).doesNotHaveBean(LogShipping.class));
    runner
        .withPropertyValues("tracekit.exporter.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(LogShipping.class));
  }

  static List<Appender<?>> shippingAppenders() {
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    List<Appender<?>> found = new ArrayList<>();
    for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<?> appender = it.next();
      if (appender instanceof TraceKitLogAppender) {
        found.add(appender);
      }
    }
    return found;
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomShipping {
    @Bean
    LogShipping customShipping(TraceKit traceKit) {
      return new LogShipping(traceKit, List.of(), false);
    }
  }
}
