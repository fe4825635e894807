package dev.tracekit.collector.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connection-level behaviour of the collector's HTTP server. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

  @Bean
  UnreadBodyFilter unreadBodyFilter() {
    return new UnreadBodyFilter();
  }
}
