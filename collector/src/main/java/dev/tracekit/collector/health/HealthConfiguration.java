package dev.tracekit.collector.health;

import dev.tracekit.collector.storage.SpanStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The collector's own health contributors. */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

  @Bean
  StoreHealthIndicator storeHealthIndicator(SpanStore store) {
    return new StoreHealthIndicator(store);
  }
}
