package dev.tracekit.starter.client;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds {@link TracingExchangeFilterFunction} (and its per-request attempt counter) to every
 * {@code WebClient.Builder} Spring Boot provides.
 */
public final class TracingWebClientCustomizer implements WebClientCustomizer {

  private final TracingExchangeFilterFunction filter;

  TracingWebClientCustomizer(TracingExchangeFilterFunction filter) {
    this.filter = filter;
  }

  @Override
  public void customize(WebClient.Builder builder) {
    builder
        .filters(
            filters -> {
              if (!filters.contains(filter)) {
                filters.add(filter);
              }
            })
        .defaultRequest(TracingExchangeFilterFunction.countAttempts());
  }
}
